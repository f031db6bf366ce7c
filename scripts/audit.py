"""Audit the pinned dependencies with pip-audit, and say plainly when it could not.

``make audit`` runs this. pip-audit checks each pinned package (``--no-deps``:
every requirement is pinned exactly; ``--strict``: a package it cannot check
fails the run) against a vulnerability service. When that service cannot be
reached, pip-audit ends in a traceback, with the same exit code as a found
vulnerability; this script tells the three outcomes apart:

- 0: every pinned package was checked, none has a known vulnerability;
- 1: known vulnerabilities, listed with the versions that fix them;
- 2: the audit could NOT be done (service unreachable, a package not checked).

Arguments after ``--`` go to pip-audit as they are (``--timeout 30``,
``-s osv``, ``--osv-url URL``, ``--cache-dir DIR``...).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

NOT_DONE = 2
#: Exception names and messages that mean the service was not reached.
UNREACHABLE = (
    "ConnectionError",
    "ConnectTimeout",
    "ProxyError",
    "ReadTimeout",
    "Max retries exceeded",
    "Could not connect",
    "Name or service not known",
    "Temporary failure in name resolution",
)


def _arguments(argv: list[str] | None) -> tuple[argparse.Namespace, list[str]]:
    argv = list(sys.argv[1:] if argv is None else argv)
    extra: list[str] = []
    if "--" in argv:
        extra = argv[argv.index("--") + 1 :]
        argv = argv[: argv.index("--")]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "-r",
        "--requirement",
        action="append",
        required=True,
        help="a pinned requirements file (repeat for several)",
    )
    return parser.parse_args(argv), extra


def _reason(log: str) -> str:
    """Return why pip-audit stopped, in one line, from its log."""
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    errors = [line.split(":", 2)[-1].strip() for line in lines if "ERROR:" in line]
    last = errors[-1] if errors else (lines[-1] if lines else "no output")
    if any(marker in log for marker in UNREACHABLE):
        return f"the vulnerability service could not be reached ({last[:300]})"
    return last[:300]


def _report(dependencies: list[dict]) -> int:
    """Print what pip-audit found; return the exit code."""
    vulnerable = [each for each in dependencies if each.get("vulns")]
    skipped = [each for each in dependencies if "skip_reason" in each]
    for each in vulnerable:
        for vuln in each["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fixed version"
            print(f"{each['name']} {each['version']}: {vuln['id']} (fixed in {fixes})")
    for each in skipped:
        print(f"NOT checked: {each['name']}: {each['skip_reason']}")
    if vulnerable:
        count = sum(len(each["vulns"]) for each in vulnerable)
        print(
            f"Audit: {count} known vulnerability(ies) in {len(vulnerable)} package(s)"
        )
        return 1
    if skipped or not dependencies:
        print(
            f"Audit could NOT be done: {len(skipped)} of {len(dependencies)} "
            "pinned package(s) were not checked; this is not a clean result."
        )
        return NOT_DONE
    print(f"Audit: {len(dependencies)} pinned packages, no known vulnerabilities.")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run pip-audit over the requirements files; return 0, 1 or 2 (see above)."""
    options, extra = _arguments(argv)
    command = [
        sys.executable,
        "-m",
        "pip_audit",
        "--strict",
        "--no-deps",
        "--disable-pip",
        "--progress-spinner",
        "off",
        "--format",
        "json",
    ]
    for path in options.requirement:
        command += ["--requirement", path]
    result = subprocess.run(
        command + extra, capture_output=True, text=True, check=False
    )
    try:
        report = json.loads(result.stdout)
        dependencies = report["dependencies"]
    except (ValueError, KeyError, TypeError):
        print(
            "Audit could NOT be done: "
            f"{_reason(result.stderr + result.stdout)}. "
            "No result: the dependencies were not checked for vulnerabilities."
        )
        return NOT_DONE
    return _report(dependencies)


if __name__ == "__main__":
    sys.exit(main())
