#!/usr/bin/env bash
# Proves the README's first command on a fresh machine: a clean clone of HEAD, with HOME set to an
# empty folder (no pnpm store, no npm cache, no node-gyp headers, no ~/.cache) and none of the
# caller's npm/pnpm settings in the environment. A warm cache once hid a broken install from CI;
# this runs the command as a newcomer would and expects the quickstart's memory slice.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/alma-fresh-install.XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/home"

# The first command of the README: the first line of its first ```sh block.
command="$(awk '/^```sh$/ { getline; print; exit }' "$root/README.md")"
[ -n "$command" ] || { echo "fresh install: no \`\`\`sh block in README.md" >&2; exit 1; }

git clone --quiet --no-hardlinks "$root" "$work/clone"
echo "fresh install: running \`$command\` in a clean clone of $(git -C "$root" rev-parse --short HEAD), HOME empty"
started=$SECONDS
if ! (cd "$work/clone" && env -i HOME="$work/home" PATH="$PATH" TERM=dumb bash -c "$command") \
  >"$work/output.log" 2>&1; then
  tail -n 40 "$work/output.log"
  echo "fresh install: FAILED after $((SECONDS - started)) s" >&2
  exit 1
fi

# The slice an agent is handed: the heuristic learnt from three successes, and the anti-pattern.
for expected in '## Strategies that worked' 'apply the schema migrations first' "Don't: flip the load balancer"; do
  if ! grep -qF "$expected" "$work/output.log"; then
    tail -n 40 "$work/output.log"
    echo "fresh install: the quickstart's slice lacks \"$expected\"" >&2
    exit 1
  fi
done
echo "fresh install: ok in $((SECONDS - started)) s, the quickstart printed its slice"
