#!/usr/bin/env bash
# Installs the pgvector extension into the local PostgreSQL 15 server, idempotently.
#
# Why this way: Debian bookworm ships no postgresql-15-pgvector, but Debian's own pgvector source
# package (from trixie) builds cleanly against bookworm's postgresql-server-dev-15. We fetch that
# source with a private apt configuration (its own source list and list directory under a temp
# dir), so the machine's apt sources and package lists are never changed, then `make install`
# it with the server's pg_config.
#
# Fast path: when the server already offers the extension, the script exits after one query.
# Environment: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), PG_MAJOR (15).
set -euo pipefail

export PGHOST="${PGHOST:-127.0.0.1}"
export PGPORT="${PGPORT:-5432}"
export PGUSER="${PGUSER:-postgres}"
PG_MAJOR="${PG_MAJOR:-15}"
PG_CONFIG="/usr/lib/postgresql/${PG_MAJOR}/bin/pg_config"

available() {
  [ "$(psql -d postgres -Atc "SELECT 1 FROM pg_available_extensions WHERE name = 'vector'" 2>/dev/null)" = "1" ]
}

if available; then
  echo "pgvector: already available on ${PGHOST}:${PGPORT}"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "pgvector: not installed, and installing it needs root (apt-get, make install)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
server_version() { dpkg-query -W -f='${Version}' "postgresql-${PG_MAJOR}" 2>/dev/null || true; }
before="$(server_version)"

apt-get update -qq
# dpkg-dev provides dpkg-source, which `apt-get source` needs to unpack the package.
apt-get install -y -qq --no-install-recommends "postgresql-server-dev-${PG_MAJOR}" build-essential dpkg-dev

work="$(mktemp -d /tmp/alma-pgvector.XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/lists/partial" "$work/src"
cat >"$work/trixie-src.sources" <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF

# A private apt configuration: only the trixie deb-src entry, lists kept under $work.
apt_private=(
  -o "Dir::Etc::SourceList=/dev/null"
  -o "Dir::Etc::SourceParts=$work"
  -o "Dir::State::Lists=$work/lists"
  -o "APT::Sandbox::User=root"
)
apt-get "${apt_private[@]}" update -qq
(cd "$work/src" && apt-get "${apt_private[@]}" source -qq pgvector)

source_dir="$(find "$work/src" -mindepth 1 -maxdepth 1 -type d -name 'pgvector-*' | head -n 1)"
if [ -z "$source_dir" ]; then
  echo "pgvector: the trixie source package did not unpack" >&2
  exit 1
fi
# OPTFLAGS='' keeps the build portable: pgvector defaults to -march=native otherwise.
make -C "$source_dir" -j"$(nproc)" PG_CONFIG="$PG_CONFIG" OPTFLAGS=''
make -C "$source_dir" install PG_CONFIG="$PG_CONFIG"

after="$(server_version)"
if [ "$before" != "$after" ]; then
  echo "pgvector: postgresql-${PG_MAJOR} changed from ${before} to ${after}; restarting the cluster"
  pg_ctlcluster --skip-systemctl-redirect "$PG_MAJOR" main restart
fi

if available; then
  echo "pgvector: installed ($(basename "$source_dir")) on ${PGHOST}:${PGPORT}"
else
  echo "pgvector: built and installed, but the server does not list the extension" >&2
  exit 1
fi
