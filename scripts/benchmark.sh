#!/usr/bin/env bash
# Runs BlogDesk's benchmark (docs/benchmarks.md): builds (reusing ./build), builds or reuses the
# sample database of the chosen scale, runs tests/benchmark's blogdesk_benchmark on it and
# writes results/benchmark-<date>-<scale>.json beside a table on stdout.
#
#   scripts/benchmark.sh [--scale small|medium|full] [--servers] [--repeats N]
#
#   --scale    small: 1,000 users (a quick check), medium: 10,000, full: 100,000 (the issue's
#              100k users / 1M posts / 5M comments); each user has 10 posts of 5 comments.
#   --servers  also PostgreSQL and MariaDB: starts the throwaway test servers
#              (scripts/test-servers.sh), loads the same sample into them and stops them at
#              the end. With BLOGDESK_BENCH_POSTGRESQL_URL and BLOGDESK_BENCH_MYSQL_URL set,
#              those servers are used instead and loaded only when their row counts differ.
#   --repeats  how often each action runs (default 5; median and max are reported).
#
# SQLite databases are cached in ${BLOGDESK_BENCH_DIR:-$HOME/.cache/blogdesk-bench} as
# sqlite-<users>-<posts-per-user>-<comments-per-post>-<seed>.db. BLOGDESK_BUILD_DIR chooses
# the build folder. Installs nothing but what scripts/setup.sh installs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BLOGDESK_BUILD_DIR:-$root/build}"
cache="${BLOGDESK_BENCH_DIR:-$HOME/.cache/blogdesk-bench}"
readonly posts_per_user=10 comments_per_post=5 seed=1

fail() {
    echo "benchmark: $*" >&2
    exit 1
}
usage() {
    sed -n '5,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

scale=small
servers=0
repeats=5
while (($#)); do
    case "$1" in
    --scale) scale="${2:-}" && shift 2 || usage ;;
    --servers) servers=1 && shift ;;
    --repeats) repeats="${2:-}" && shift 2 || usage ;;
    *) usage ;;
    esac
done
case "$scale" in
small) users=1000 ;;
medium) users=10000 ;;
full) users=100000 ;;
*) usage ;;
esac
[[ "$repeats" =~ ^[1-9][0-9]{0,2}$ ]] || fail "--repeats must be a whole number from 1 to 999"

BLOGDESK_BUILD_TARGETS="blogdesk blogdesk_benchmark" "$root/scripts/setup.sh"
blogdesk="$build/app/blogdesk"
harness="$build/tests/benchmark/blogdesk_benchmark"
[[ -x "$blogdesk" && -x "$harness" ]] || fail "the build made no $blogdesk and $harness"
export QT_QPA_PLATFORM=offscreen

# Fills `url` with the sample of this scale; prints how long that took.
generate() {
    local url="$1" started=$SECONDS
    "$blogdesk" db upgrade --database "$url" >/dev/null
    "$blogdesk" sample --database "$url" --users "$users" --posts-per-user "$posts_per_user" \
        --comments-per-post "$comments_per_post" --seed "$seed"
    echo "benchmark: generated $url in $((SECONDS - started)) s"
}

sqlite_database() {
    mkdir -p "$cache"
    local file="$cache/sqlite-$users-$posts_per_user-$comments_per_post-$seed.db"
    if [[ ! -f "$file" ]]; then
        # Built under another name and renamed when complete: a killed run leaves no half
        # database, and its leftovers (journal, migration lock) go before the next attempt.
        rm -f "$file.partial" "$file.partial"-journal "$file.partial".migration-lock*
        generate "sqlite:///$file.partial" >&2
        mv "$file.partial" "$file"
    fi
    echo "sqlite:///$file"
}

# Rows in users and posts, as "users posts"; empty when the tables are not there.
server_counts() {
    local url="$1" sql="SELECT (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM posts)"
    if [[ "$url" == postgresql* ]]; then
        psql -X -q -t -A -F ' ' -d "$url" -c "$sql" 2>/dev/null || true
    else
        [[ "$url" =~ ^mysql://([^:@/]+)(:([^@/]*))?@([^:/]+)(:([0-9]+))?/([^?]+) ]] ||
            fail "cannot read the MariaDB URL $url"
        MYSQL_PWD="${BASH_REMATCH[3]}" mariadb -N -B -u "${BASH_REMATCH[1]}" \
            -h "${BASH_REMATCH[4]}" -P "${BASH_REMATCH[6]:-3306}" "${BASH_REMATCH[7]}" \
            -e "$sql" 2>/dev/null | tr '\t' ' ' || true
    fi
}

# Loads the sample into a server database unless it already holds it (by its row counts).
server_database() {
    local url="$1" counts
    counts="$(server_counts "$url")"
    if [[ "$counts" != "$users $((users * posts_per_user))" ]]; then
        [[ -z "$counts" || "$counts" == "0 0" ]] ||
            fail "$url holds other data ($counts users/posts): give an empty database"
        generate "$url" >&2
    fi
    echo "$url"
}

# One assignment each: set -e stops the script when one of them fails.
sqlite_url="$(sqlite_database)"
urls=("$sqlite_url")
if ((servers)); then
    if [[ -n "${BLOGDESK_BENCH_POSTGRESQL_URL:-}" && -n "${BLOGDESK_BENCH_MYSQL_URL:-}" ]]; then
        postgresql_url="$BLOGDESK_BENCH_POSTGRESQL_URL"
        mysql_url="$BLOGDESK_BENCH_MYSQL_URL"
    else
        server_dir="$(mktemp -d "${TMPDIR:-/tmp}/bd-bench.XXXXXX")"
        stop_servers() { bash "$root/scripts/test-servers.sh" stop "$server_dir" || true; }
        trap stop_servers EXIT
        trap 'exit 130' INT
        trap 'exit 143' TERM
        bash "$root/scripts/test-servers.sh" start "$server_dir" >&2
        # shellcheck source=/dev/null
        source "$server_dir/env"
        postgresql_url="$BLOGDESK_TEST_POSTGRESQL_URL"
        mysql_url="$BLOGDESK_TEST_MYSQL_URL"
    fi
    postgresql_url="$(server_database "$postgresql_url")"
    mysql_url="$(server_database "$mysql_url")"
    urls+=("$postgresql_url" "$mysql_url")
fi

mkdir -p "$root/results"
result="$root/results/benchmark-$(date -u +%Y-%m-%d-%H%M%S)-$scale.json"
label="users=$users posts-per-user=$posts_per_user comments-per-post=$comments_per_post seed=$seed"
for url in "${urls[@]}"; do
    "$harness" --database "$url" --repeats "$repeats" --scale "$label" --json "$result"
    echo
done
echo "benchmark: results in $result"
