#!/usr/bin/env bash
# Every test of every package, then one summary line. Installs what the tests need first.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-test-env.sh || exit 1
find . -name .vitest-result.json -not -path '*/node_modules/*' -delete
pnpm exec turbo run test --continue --concurrency=2 "$@"
status=$?
node scripts/test-summary.mjs || status=1
exit $status
