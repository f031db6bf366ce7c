"""Real servers for the deploy tests, started on 127.0.0.1 in a temporary folder.

OpenSSH's ``sshd`` (rsync and SFTP), pyftpdlib (FTP and FTPS with a
certificate from a test authority), moto's S3 server, a bare git repository.
No client is mocked: the deploy code talks to these as it would to a host.
"""

from __future__ import annotations

import getpass
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from threading import Event, Thread

SSHD = "/usr/sbin/sshd"


def free_port() -> int:
    """Return a TCP port nobody listens on (now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, seconds: float = 10) -> None:
    """Wait until something accepts connections on ``port``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port}")


@dataclass
class SshServer:
    """A running sshd: where it listens and how a client logs in."""

    port: int
    user: str
    key_file: Path
    known_hosts: Path

    def settings(self, target: str, path: Path) -> dict:
        """Return the ``deploy:`` settings for ``target`` into ``path``."""
        return {
            "target": target,
            "host": "127.0.0.1",
            "port": self.port,
            "user": self.user,
            "path": str(path),
            "key_file": str(self.key_file),
            "known_hosts": str(self.known_hosts),
        }


@contextmanager
def ssh_server(folder: Path) -> Iterator[SshServer]:
    """Run OpenSSH's sshd with its own host key, config and authorized key."""
    folder.mkdir(parents=True, exist_ok=True)
    host_key, user_key = folder / "host_ed25519", folder / "user_ed25519"
    for key in (host_key, user_key):
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True
        )
    (folder / "authorized_keys").write_text(user_key.with_suffix(".pub").read_text())
    port = free_port()
    host_public = host_key.with_suffix(".pub").read_text().split()[:2]
    known_hosts = folder / "known_hosts"
    known_hosts.write_text(f"[127.0.0.1]:{port} {' '.join(host_public)}\n")
    config = folder / "sshd_config"
    config.write_text(
        "\n".join(
            [
                "ListenAddress 127.0.0.1",
                f"Port {port}",
                f"HostKey {host_key}",
                f"PidFile {folder / 'sshd.pid'}",
                f"AuthorizedKeysFile {folder / 'authorized_keys'}",
                "UsePAM no",
                "StrictModes no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PubkeyAuthentication yes",
                "PermitRootLogin prohibit-password",
                "Subsystem sftp internal-sftp",
                "LogLevel INFO",  # one "Accepted publickey" line per log-in
                "",
            ]
        )
    )
    Path("/run/sshd").mkdir(exist_ok=True)  # privilege separation folder, if root
    process = subprocess.Popen(
        [SSHD, "-D", "-e", "-f", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=open(folder / "sshd.log", "w"),  # noqa: SIM115 - closed with the process
    )
    try:
        wait_for_port(port)
        yield SshServer(port, getpass.getuser(), user_key, known_hosts)
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def ftp_server(folder: Path, tls: bool = False) -> Iterator[dict]:
    """Run pyftpdlib on ``folder`` (FTPS with a certificate from a test CA)."""
    import trustme
    from pyftpdlib.authorizers import DummyAuthorizer
    from pyftpdlib.handlers import FTPHandler, TLS_FTPHandler
    from pyftpdlib.servers import FTPServer

    root = folder / "root"
    root.mkdir(parents=True, exist_ok=True)
    authorizer = DummyAuthorizer()
    authorizer.add_user("bientap", "mat-khau-thu", str(root), perm="elradfmwMT")
    handler = type("Handler", (TLS_FTPHandler if tls else FTPHandler,), {})
    handler.authorizer = authorizer
    handler.passive_ports = range(60000, 65535)
    handler.auth_failed_timeout = 0  # a refused login answers at once, not in 3 s
    settings = {
        "target": "ftps" if tls else "ftp",
        "host": "127.0.0.1",
        "user": "bientap",
        "path": "/",
    }
    if tls:
        authority = trustme.CA()
        certificate = authority.issue_cert("127.0.0.1")
        certfile, cafile = folder / "server.pem", folder / "ca.pem"
        certificate.private_key_and_cert_chain_pem.write_to_path(str(certfile))
        authority.cert_pem.write_to_path(str(cafile))
        handler.certfile = str(certfile)
        handler.tls_control_required = True
        handler.tls_data_required = True
        settings["ca_file"] = str(cafile)
    server = FTPServer(("127.0.0.1", 0), handler)
    settings["port"] = server.address[1]
    stop = Event()

    def serve() -> None:
        # One turn of the loop at a time, closed from its own thread: closing
        # it from the test's thread while it polls raised EBADF in the server.
        while not stop.is_set():
            server.ioloop.loop(timeout=0.1, blocking=False)
        server.close_all()

    thread = Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield {"settings": settings, "root": root, "password": "mat-khau-thu"}
    finally:
        stop.set()
        thread.join(timeout=10)


@contextmanager
def s3_server() -> Iterator[dict]:
    """Run moto's S3-compatible HTTP server with one bucket."""
    import boto3
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    credentials = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
    saved = {name: os.environ.get(name) for name in credentials}
    os.environ.update(credentials)
    try:
        boto3.client(
            "s3", endpoint_url=endpoint, region_name="us-east-1"
        ).create_bucket(Bucket="tintuc")
        yield {
            "settings": {"target": "s3", "bucket": "tintuc", "endpoint": endpoint},
            "endpoint": endpoint,
        }
    finally:
        server.stop()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def bare_repository(folder: Path) -> Path:
    """Create a bare git repository standing in for GitHub; return its path."""
    subprocess.run(["git", "init", "--quiet", "--bare", str(folder)], check=True)
    return folder
