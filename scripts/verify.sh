#!/usr/bin/env bash
# What CI runs after installing: build, lint and typecheck everything; check the Prisma schemas,
# the packed packages in a plain npm project, and the README's first command from a clean clone
# with an empty HOME; then every test, whose summary is the closing line.
set -uo pipefail
cd "$(dirname "$0")/.."
pnpm exec turbo run build lint typecheck || exit 1
bash scripts/check-prisma-schemas.sh || exit 1
node test/consumer/check-consumer.mjs || exit 1
bash scripts/check-fresh-install.sh || exit 1
bash scripts/test.sh
