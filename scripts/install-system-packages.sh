#!/usr/bin/env bash
# Install the Debian packages the tests need, when they are missing.
# Idempotent: does nothing when everything is present. Needs root (CI runs as root).
set -euo pipefail
# chromium: browser tests (search); fonts-noto-core: Vietnamese glyphs in screenshots;
# default-jre-headless: Java for the Nu HTML Checker (tests/test_validity.py);
# openssh-server, openssh-client, rsync: the deploy tests' SSH server and clients
packages=(chromium fonts-noto-core default-jre-headless openssh-server openssh-client rsync)
# (Browser and HTML-checker packages are added here as the tests need them.)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${missing[*]}; install them with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
