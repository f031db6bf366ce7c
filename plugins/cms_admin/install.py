"""Install Decap CMS's built script from the npm registry, checked by its integrity.

Usage: ``python -m cms_admin.install [--dest DIR]`` (``make install`` runs it).
Downloads the pinned tarball once, refuses it unless its SHA-512 is the pinned
one, and extracts ``dist/*.decap-cms.js`` (the main script and the chunks it
loads) with the licence into ``DIR`` (default: ``<venv>/share/decap-cms``).
Once installed, nothing is fetched again: the editor works offline.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

VERSION = "3.16.3"
TARBALL = f"https://registry.npmjs.org/decap-cms/-/decap-cms-{VERSION}.tgz"
INTEGRITY = (
    "sha512-hf+dPlCh7TJmWl8+6VRzHYOWhri5xgUknrZbDewaWe4s9B7xJ8PQugp2QHeSldMUKzav6"
    "+z0oIpwUYhUJDYtYw=="
)
DEFAULT_DEST = Path(sys.prefix) / "share" / "decap-cms"
MAIN_SCRIPT = "decap-cms.js"
# The package ships no licence file; its package.json says MIT.
LICENSE = f"""Decap CMS {VERSION} (https://github.com/decaporg/decap-cms), MIT License

Copyright (c) 2016 Netlify, Inc. and Decap CMS contributors

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT.
"""


def installed(dest: Path = DEFAULT_DEST) -> bool:
    """Tell whether the pinned version is installed in ``dest``."""
    stamp = dest / "VERSION"
    return (
        (dest / MAIN_SCRIPT).is_file()
        and stamp.is_file()
        and (stamp.read_text("utf-8").strip() == VERSION)
    )


def verify(data: bytes, integrity: str = INTEGRITY) -> None:
    """Raise ValueError unless ``data`` has the npm ``integrity`` (sha512-…)."""
    algorithm, _, expected = integrity.partition("-")
    digest = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if digest != expected:
        raise ValueError(
            f"decap-cms-{VERSION}.tgz does not match its pinned integrity "
            f"({algorithm}-{digest} instead of {integrity}): refused"
        )


def extract(data: bytes, dest: Path) -> int:
    """Extract the verified tarball's built scripts; return their count."""
    dest.mkdir(parents=True, exist_ok=True)
    count = 0
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            name = member.name.removeprefix("package/dist/")
            if (
                member.isfile()
                and name != member.name
                and "/" not in name
                and name.endswith("decap-cms.js")
            ):
                (dest / name).write_bytes(archive.extractfile(member).read())
                count += 1
    (dest / "LICENSE").write_text(LICENSE, encoding="utf-8")
    (dest / "VERSION").write_text(VERSION + "\n", encoding="utf-8")
    return count


def main(argv: list[str] | None = None) -> int:
    """Download, verify and extract Decap CMS unless it is installed already."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", type=Path, default=DEFAULT_DEST)
    args = parser.parse_args(argv)
    if installed(args.dest):
        return 0
    with urllib.request.urlopen(TARBALL, timeout=120) as response:
        data = response.read()
    try:
        verify(data)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    count = extract(data, args.dest)
    print(f"Decap CMS {VERSION}: {count} scripts in {args.dest}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
