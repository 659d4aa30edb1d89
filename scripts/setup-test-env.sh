#!/usr/bin/env bash
# Installs and starts what the tests need on this machine, idempotently; fast when all is in place.
set -euo pipefail
cd "$(dirname "$0")/.."
for step in scripts/setup-pgvector.sh scripts/setup-chromium.sh; do
  if [ -f "$step" ]; then bash "$step"; fi
done
