#!/usr/bin/env bash
# Prints the folder of a previous release of this repository, installed and ready to run from source:
# `git archive` of the commit, then `pnpm install` (from the package store when it can, offline). Kept
# under .previous-release/<commit>/ (git-ignored) and reused once complete; a fresh clone builds its own.
# Used by the in-place upgrade test (test/upgrade/) to write stores exactly as that release did.
set -euo pipefail
commit="${1:?usage: previous-release.sh <commit>}"
root="$(cd "$(dirname "$0")/.." && pwd)"
folder="$root/.previous-release/$commit"
if [ -f "$folder/.ready" ]; then
  echo "$folder"
  exit 0
fi
rm -rf "$folder"
mkdir -p "$folder"
git -C "$root" archive --format=tar "$commit" | tar -x -C "$folder"
cd "$folder"
# Everything the release needs is in the store the current install filled; online only as a fallback.
if ! pnpm install --frozen-lockfile --offline >&2; then
  pnpm install --frozen-lockfile >&2
fi
touch .ready
echo "$folder"
