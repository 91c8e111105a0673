#!/usr/bin/env bash
# Sets up and builds BlogDesk, starts throwaway PostgreSQL and MariaDB servers (see
# scripts/test-servers.sh), then runs every test through CTest. Arguments go to ctest. The
# servers are stopped and their folder deleted however the run ends, Ctrl-C included.
#
# BLOGDESK_BUILD_DIR chooses the build folder (default ./build). With both
# BLOGDESK_TEST_POSTGRESQL_URL and BLOGDESK_TEST_MYSQL_URL already set, those servers are
# used and none is started.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BLOGDESK_BUILD_DIR:-$root/build}"
"$root/scripts/setup.sh"

if [[ -n "${BLOGDESK_TEST_POSTGRESQL_URL:-}" && -n "${BLOGDESK_TEST_MYSQL_URL:-}" ]]; then
    echo "test: using the servers in BLOGDESK_TEST_POSTGRESQL_URL and BLOGDESK_TEST_MYSQL_URL"
else
    servers="$(mktemp -d "${TMPDIR:-/tmp}/blogdesk-servers.XXXXXX")"
    stop_servers() { bash "$root/scripts/test-servers.sh" stop "$servers" || true; }
    trap stop_servers EXIT
    # The EXIT trap runs on these too, once bash has left the command it was waiting for.
    trap 'exit 130' INT
    trap 'exit 143' TERM
    started=$SECONDS
    if ! bash "$root/scripts/test-servers.sh" start "$servers"; then
        echo "test: the PostgreSQL and MariaDB test servers did not start (see above);" \
            "the server tests cannot run" >&2
        exit 1
    fi
    echo "test: servers ready in $((SECONDS - started)) s"
    # shellcheck source=/dev/null
    source "$servers/env"
fi
# The servers are there now: a test that cannot reach one fails rather than skips.
export BLOGDESK_REQUIRE_SERVERS=1

cd "$build"
ctest --output-on-failure --parallel "$(nproc)" "$@"
