#!/usr/bin/env bash
# Install the Debian packages the tests need, when they are missing.
# Idempotent: does nothing when everything is present. Needs root (CI runs as root).
# Debian and Ubuntu only (apt, dpkg): elsewhere it says what to install and stops
# without failing; the browser tests then skip (outside CI) with the reason.
set -euo pipefail
# chromium: browser tests (search) and make bench-search; fonts-noto-core: Vietnamese glyphs in screenshots;
# default-jre-headless: Java for the Nu HTML Checker (tests/test_validity.py);
# openssh-server, openssh-client, rsync: the deploy tests' SSH server and clients
packages=(chromium fonts-noto-core default-jre-headless openssh-server openssh-client rsync)
# (Browser and HTML-checker packages are added here as the tests need them.)
# Optional: installed when root and the archive has them, never required.
# chromium-headless-shell: the same Blink and V8 without the browser's interface,
# which the browser tests use when present (a fifth less CPU for the suite).
optional=(chromium-headless-shell)
if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-packages.sh installs Debian/Ubuntu packages only (apt);" >&2
  echo "this system ($(uname -s)) has no apt: nothing installed." >&2
  echo "For the browser tests install Chromium or Chrome and set CHROMIUM_PATH;" >&2
  echo "for the HTML checker a Java runtime; for the deploy tests OpenSSH and rsync." >&2
  echo "Without them those tests are skipped (outside CI) with the reason." >&2
  exit 0
fi
installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}
missing=()
for package in "${packages[@]}"; do
  installed "$package" || missing+=("$package")
done
wanted=()
for package in "${optional[@]}"; do
  installed "$package" || wanted+=("$package")
done
if [ ${#missing[@]} -eq 0 ] && { [ ${#wanted[@]} -eq 0 ] || [ "$(id -u)" -ne 0 ]; }; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${missing[*]}; install them with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  # Only optional packages are wanted: an unreachable archive is no failure.
  apt-get update -q || echo "apt-get update failed: the optional packages stay out." >&2
fi
for package in "${wanted[@]}"; do
  apt-get install -y -q --no-install-recommends "$package" \
    || echo "Optional package $package is not available: the tests do without it." >&2
done
