"""``make audit``: pip-audit over the pinned requirements, honest when offline.

Runs the real pip-audit (``scripts/audit.py``) against vulnerability services
on 127.0.0.1: a closed port (the service cannot be reached) and a small OSV
API server (a clean result, a known vulnerability). Nothing leaves the machine.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from tests.sitebuild import ROOT

SCRIPT = ROOT / "scripts" / "audit.py"
PROXIES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


def closed_port() -> int:
    """Return a port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def audit(tmp_path, *extra: str, env: dict[str, str] | None = None):
    """Run ``scripts/audit.py`` on two pins with a fresh cache; return the result."""
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("pelican==4.12.0\nnh3==0.3.7\n", encoding="utf-8")
    environment = {
        name: value for name, value in os.environ.items() if name.upper() not in PROXIES
    }
    environment.update(env or {})
    command = [sys.executable, str(SCRIPT), "-r", str(requirements), "--"]
    command += ["--cache-dir", str(tmp_path / "cache"), "--timeout", "5", *extra]
    return subprocess.run(
        command, capture_output=True, text=True, env=environment, check=False
    )


@pytest.mark.parametrize("service", ["pypi", "osv"])
def test_an_unreachable_service_is_reported_as_an_audit_not_done(tmp_path, service):
    port = closed_port()
    if service == "pypi":  # PyPI's JSON API, through a proxy that is not there
        proxy = f"http://127.0.0.1:{port}"
        result = audit(tmp_path, env={"HTTPS_PROXY": proxy, "HTTP_PROXY": proxy})
    else:
        result = audit(tmp_path, "-s", "osv", "--osv-url", f"http://127.0.0.1:{port}/")
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert "Audit could NOT be done" in result.stdout
    assert "could not be reached" in result.stdout
    assert "No known vulnerabilities" not in output
    assert "no known vulnerabilities" not in output


class _OSV(BaseHTTPRequestHandler):
    """OSV's query API: a vulnerability for the package named in ``vulnerable``."""

    vulnerable = ""

    def do_POST(self):
        query = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        name = query["package"]["name"]
        body = {}
        if name == self.vulnerable:
            body = {
                "vulns": [
                    {
                        "id": "PYSEC-0000-1",
                        "summary": "test entry",
                        "affected": [
                            {
                                "package": {"name": name, "ecosystem": "PyPI"},
                                "ranges": [
                                    {
                                        "type": "ECOSYSTEM",
                                        "events": [
                                            {"introduced": "0"},
                                            {"fixed": "9.9"},
                                        ],
                                    }
                                ],
                            }
                        ],
                    }
                ]
            }
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        """Keep the test output quiet."""


@pytest.fixture
def osv_server():
    """Serve the OSV API on 127.0.0.1 for one test; yield its handler class."""
    handler = type("OSV", (_OSV,), {})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    handler.url = f"http://127.0.0.1:{server.server_port}/v1/query"
    yield handler
    server.shutdown()
    server.server_close()


def test_a_clean_audit_says_so(tmp_path, osv_server):
    result = audit(tmp_path, "-s", "osv", "--osv-url", osv_server.url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Audit: 2 pinned packages, no known vulnerabilities." in result.stdout


def test_a_known_vulnerability_fails_the_audit(tmp_path, osv_server):
    osv_server.vulnerable = "nh3"
    result = audit(tmp_path, "-s", "osv", "--osv-url", osv_server.url)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "nh3 0.3.7: PYSEC-0000-1 (fixed in 9.9)" in result.stdout
