#!/usr/bin/env bash
# What CI runs after installing: build, lint and typecheck everything, then every test.
set -uo pipefail
cd "$(dirname "$0")/.."
pnpm exec turbo run build lint typecheck || exit 1
bash scripts/test.sh
