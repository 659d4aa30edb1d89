#!/usr/bin/env bash
# Checks each provider's Prisma files the way Prisma's own CLI reads them: prisma.config.ts loads,
# the schema is valid (`prisma validate`) and formatted (`prisma format --check`). Offline: both
# commands run on Prisma's wasm. Prints one line per schema; on a failure, Prisma's output, and
# exits 1. Fix formatting with the same CLI: prisma format --config prisma/<provider>/prisma.config.ts
set -euo pipefail
cd "$(dirname "$0")/.."

prisma=packages/adapter-sql/node_modules/.bin/prisma
if [ ! -x "$prisma" ]; then
  echo "check-prisma-schemas: $prisma is missing: run pnpm install first" >&2
  exit 1
fi
# No telemetry. The CLI downloads its native schema engine at start-up unless one is named, even
# for commands that never start it; `true` stands in, as validate and format do not use it.
CHECKPOINT_DISABLE=1 PRISMA_SCHEMA_ENGINE_BINARY="$(type -P true)"
export CHECKPOINT_DISABLE PRISMA_SCHEMA_ENGINE_BINARY
# A DATABASE_URL from the environment (CI has one) must not reach the configs: the check is of files.
unset DATABASE_URL

failed=0
for provider in postgres sqlite; do
  config="prisma/$provider/prisma.config.ts"
  if output=$("$prisma" validate --config "$config" 2>&1 && "$prisma" format --check --config "$config" 2>&1); then
    echo "prisma/$provider/schema.prisma: valid and formatted"
  else
    echo "prisma/$provider/schema.prisma: FAILED" >&2
    echo "$output" >&2
    failed=1
  fi
done
exit "$failed"
