#!/usr/bin/env bash
# A long soak of the model-based conformance spec on every backend: random sequences of every
# operation against the reference store. Usage: scripts/soak-properties.sh [runs] [seed]
# (defaults: 2,000 runs, a seed from the clock, printed first so that a failure can be rerun).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-2000}"
seed="${2:-$(date +%s)}"
echo "model-based soak: ${runs} runs per backend, seed ${seed}"
export ALMA_PROPERTY_RUNS="$runs" ALMA_PROPERTY_SEED="$seed"
for target in "core test/memory-conformance.test.ts" \
  "adapter-file test/file-conformance.test.ts" \
  "adapter-sql test/sqlite-conformance.test.ts" \
  "adapter-sql test/postgres-conformance.test.ts" \
  "adapter-cosmos test/cosmos-conformance.test.ts"; do
  set -- $target
  (cd "packages/$1" && pnpm exec vitest run "$2" -t "model-based")
done
