#!/usr/bin/env bash
# Installs Debian's Chromium for the explorer's browser tests, idempotently. Playwright's own browser
# downloads cannot work offline here; the tests drive this one (playwright-core, executablePath).
# Fast path: when /usr/bin/chromium runs, the script exits at once.
set -euo pipefail

if /usr/bin/chromium --version >/dev/null 2>&1; then
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "chromium: not installed, and installing it needs root (apt-get)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
echo "chromium: installed $(/usr/bin/chromium --version 2>/dev/null | head -1)"
