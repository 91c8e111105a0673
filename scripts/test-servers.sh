#!/usr/bin/env bash
# Throwaway PostgreSQL and MariaDB servers for the test suite, living entirely in one folder.
#
#   test-servers.sh start DIR   initialise and start both servers under DIR (an empty folder,
#                               e.g. from mktemp -d); writes DIR/env
#   test-servers.sh env DIR     print DIR/env: the exports the tests read
#   test-servers.sh stop DIR    stop both servers and delete DIR
#   test-servers.sh crash DIR postgresql|mariadb    kill one server as a crash would (data kept)
#   test-servers.sh revive DIR postgresql|mariadb   start it again on the same port
#
# DIR/env exports BLOGDESK_TEST_POSTGRESQL_URL (role blogdesk, trust authentication) and
# BLOGDESK_TEST_MYSQL_URL (user blogdesk, password blogdesk); each server has a database
# blogdesk, and the user may create and drop more (PostgreSQL: CREATEDB; MariaDB: every
# database named blogdesk_*).
#
# The servers listen on 127.0.0.1 only, on the first free ports from 55432 and 53306, with
# their sockets inside DIR: the Debian packages' own services are neither needed nor touched,
# and may be running. Nothing is flushed to disk (fsync=off and friends): the data is thrown
# away anyway and the tests run faster. A commit still reaches the operating system before it
# is acknowledged, so a killed server (crash) keeps every committed transaction, as a real one
# would.
#
# Run as root (as CI does), the servers run as the postgres and mysql system users that the
# Debian packages create (initdb refuses to run as root, and a server should not); DIR is then
# made traversable for them. Run as any other user, both servers simply run as that user.
set -euo pipefail

readonly pg_first_port=55432
readonly my_first_port=53306
readonly start_timeout=30
readonly marker=.blogdesk-test-servers
self="$(realpath -- "${BASH_SOURCE[0]}")"

say() { echo "test-servers: $*"; }
fail() {
    echo "test-servers: $*" >&2
    exit 1
}

usage() {
    echo "usage: $0 start|stop|env DIR" >&2
    echo "       $0 crash|revive DIR postgresql|mariadb" >&2
    exit 2
}

(($# == 2 || $# == 3)) || usage
command="$1"
server_name="${3:-}"
[[ -n "$2" ]] || usage
dir="$(realpath -m -- "$2")"
# pg_ctl hands its -o options to a shell and unix socket paths are limited to 107 bytes.
[[ "$dir" =~ ^[A-Za-z0-9/._-]+$ ]] || fail "DIR must be a plain path (letters, digits, / . _ -): $dir"
((${#dir} <= 80)) || fail "DIR is too long for a unix socket path: $dir"

pg_root="$dir/pg"
pg_data="$pg_root/data"
my_data="$dir/my"
my_run="$dir/my-run" # socket, pid file and log: the server's user must be able to write here
my_socket="$my_run/mariadbd.sock"
my_pid_file="$my_run/mariadbd.pid"

as_root=0
[[ $(id -u) -eq 0 ]] && as_root=1

# Runs a command as the user the server runs as, from DIR (the caller's working directory may
# be closed to that user).
as_user() {
    local user="$1"
    shift
    if ((as_root)); then
        (cd "$dir" && runuser -u "$user" -- "$@")
    else
        (cd "$dir" && "$@")
    fi
}

# The newest installed PostgreSQL's programs: Debian keeps initdb and pg_ctl out of PATH.
pg_bin_dir() {
    local candidate
    candidate="$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    if [[ -n "$candidate" && -x "$candidate/initdb" ]]; then
        echo "$candidate"
    elif command -v initdb >/dev/null; then
        dirname "$(command -v initdb)"
    else
        fail "PostgreSQL's initdb was not found (Debian: apt-get install postgresql)"
    fi
}

mariadb_server() {
    local program
    for program in mariadbd mysqld; do
        if command -v "$program" >/dev/null; then
            command -v "$program"
            return
        fi
        if [[ -x "/usr/sbin/$program" ]]; then
            echo "/usr/sbin/$program"
            return
        fi
    done
    fail "the MariaDB server was not found (Debian: apt-get install mariadb-server)"
}

port_in_use() {
    # A successful connect means somebody listens there.
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
    local port="$1"
    while port_in_use "$port"; do
        port=$((port + 1))
        ((port < $1 + 100)) || fail "no free port in $1-$((port - 1))"
    done
    echo "$port"
}

show_log() {
    [[ -f "$1" ]] || return 0
    echo "test-servers: last lines of $1:" >&2
    tail -n 20 "$1" >&2
}

launch_postgresql() {
    local bin port="$1"
    bin="$(pg_bin_dir)"
    if ! as_user postgres "$bin/pg_ctl" --pgdata="$pg_data" --log="$pg_root/server.log" \
        --wait --timeout="$start_timeout" \
        -o "-c listen_addresses=127.0.0.1 -c unix_socket_directories=$pg_root -p $port \
            -c fsync=off -c full_page_writes=off" \
        start >/dev/null 9>&-; then
        show_log "$pg_root/server.log"
        fail "PostgreSQL did not start on port $port"
    fi
}

start_postgresql() {
    local bin port
    bin="$(pg_bin_dir)"
    mkdir -p "$pg_root"
    if ((as_root)); then
        getent passwd postgres >/dev/null ||
            fail "there is no postgres system user (Debian: apt-get install postgresql)"
        chown postgres: "$pg_root"
    fi
    as_user postgres "$bin/initdb" --pgdata="$pg_data" --username=postgres --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/pg-initdb.log" 2>&1 ||
        {
            show_log "$dir/pg-initdb.log"
            fail "initdb failed"
        }
    port="$(free_port "$pg_first_port")"
    echo "$port" >"$dir/pg.port"
    launch_postgresql "$port"
    as_user postgres "$bin/psql" --no-psqlrc --quiet --set=ON_ERROR_STOP=1 \
        --host="$pg_root" --port="$port" --username=postgres --dbname=postgres \
        -c "CREATE ROLE blogdesk LOGIN CREATEDB" \
        -c "CREATE DATABASE blogdesk OWNER blogdesk ENCODING 'UTF8'" >/dev/null ||
        fail "cannot create the blogdesk role and database on PostgreSQL"
    echo "export BLOGDESK_TEST_POSTGRESQL_URL=postgresql://blogdesk@127.0.0.1:$port/blogdesk" \
        >>"$dir/env"
    say "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

# A wedged server would keep mariadb-admin waiting for ever: `timeout` bounds every call.
mariadb_admin() {
    timeout --kill-after=5 "$start_timeout" \
        mariadb-admin --no-defaults --connect-timeout=5 --socket="$my_socket" --user=root "$@"
}

launch_mariadb() {
    local server port="$1" user_option=()
    server="$(mariadb_server)"
    ((as_root)) && user_option=(--user=mysql)
    # Started directly rather than through mysqld_safe, which would restart it after a crash
    # and hide the real pid; setsid keeps a Ctrl-C at the terminal from killing it before
    # `stop` shuts it down cleanly.
    setsid "$server" --no-defaults "${user_option[@]}" --datadir="$my_data" \
        --port="$port" --bind-address=127.0.0.1 --socket="$my_socket" \
        --pid-file="$my_pid_file" --log-error="$my_run/error.log" \
        --skip-log-bin --skip-name-resolve --character-set-server=utf8mb4 \
        --collation-server=utf8mb4_bin --innodb-flush-log-at-trx-commit=2 \
        --innodb-doublewrite=0 --innodb-flush-method=nosync --innodb-buffer-pool-size=64M \
        </dev/null >/dev/null 2>&1 9>&- &
    local launched=$!
    echo "$launched" >"$dir/my-launch.pid"
    local tries=$((start_timeout * 5))
    until mariadb_admin ping >/dev/null 2>&1; do
        if ! kill -0 "$launched" 2>/dev/null || ((--tries <= 0)); then
            show_log "$my_run/error.log"
            fail "MariaDB did not start on port $port (socket $my_socket)"
        fi
        sleep 0.2
    done
}

start_mariadb() {
    local server port user_option=()
    server="$(mariadb_server)"
    command -v mariadb-install-db >/dev/null ||
        fail "mariadb-install-db was not found (Debian: apt-get install mariadb-server)"
    command -v mariadb-admin >/dev/null ||
        fail "mariadb-admin was not found (Debian: apt-get install mariadb-client)"
    mkdir -p "$my_data" "$my_run"
    if ((as_root)); then
        getent passwd mysql >/dev/null ||
            fail "there is no mysql system user (Debian: apt-get install mariadb-server)"
        chown mysql: "$my_data" "$my_run"
        user_option=(--user=mysql)
    fi
    mariadb-install-db --no-defaults "${user_option[@]}" --datadir="$my_data" \
        --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve \
        >"$dir/my-install.log" 2>&1 ||
        {
            show_log "$dir/my-install.log"
            fail "mariadb-install-db failed"
        }
    port="$(free_port "$my_first_port")"
    echo "$port" >"$dir/my.port"
    launch_mariadb "$port"
    mariadb --no-defaults --socket="$my_socket" --user=root <<'SQL' ||
CREATE DATABASE blogdesk CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE USER 'blogdesk'@'127.0.0.1' IDENTIFIED BY 'blogdesk';
GRANT ALL PRIVILEGES ON `blogdesk`.* TO 'blogdesk'@'127.0.0.1';
GRANT ALL PRIVILEGES ON `blogdesk\_%`.* TO 'blogdesk'@'127.0.0.1';
SQL
        fail "cannot create the blogdesk user and database on MariaDB"
    echo "export BLOGDESK_TEST_MYSQL_URL=mysql://blogdesk:blogdesk@127.0.0.1:$port/blogdesk" \
        >>"$dir/env"
    say "MariaDB $("$server" --version | awk '{print $3}') on 127.0.0.1:$port"
}

stop_postgresql() {
    [[ -f "$pg_data/postmaster.pid" ]] || return 0
    local bin pid
    bin="$(pg_bin_dir)"
    pid="$(head -n 1 "$pg_data/postmaster.pid")"
    as_user postgres "$bin/pg_ctl" --pgdata="$pg_data" --mode=fast --wait \
        --timeout="$start_timeout" stop >/dev/null 2>&1 ||
        as_user postgres "$bin/pg_ctl" --pgdata="$pg_data" --mode=immediate --wait stop \
            >/dev/null 2>&1 || true
    stop_pid "$pid" PostgreSQL
}

stop_mariadb() {
    local pid=""
    if [[ -f "$my_pid_file" ]]; then
        pid="$(cat "$my_pid_file")"
    elif [[ -f "$dir/my-launch.pid" ]]; then
        pid="$(cat "$dir/my-launch.pid")"
    fi
    [[ -n "$pid" ]] || return 0
    mariadb_admin shutdown >/dev/null 2>&1 || true
    stop_pid "$pid" MariaDB
}

# Makes sure the process `pid` (one of ours, by its pid file) is gone: TERM, then KILL. A
# process whose command line does not name DIR is not ours (a stale pid file, a reused pid).
stop_pid() {
    local pid="$1" name="$2" tries
    [[ "$pid" =~ ^[0-9]+$ ]] || return 0
    kill -0 "$pid" 2>/dev/null || return 0
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$dir/" || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for ((tries = 0; tries < start_timeout * 5; tries++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.2
    done
    say "$name (pid $pid) did not stop; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
}

case "$command" in
start)
    mkdir -p "$dir"
    [[ -z "$(ls -A "$dir")" ]] || fail "$dir is not empty"
    touch "$dir/$marker"
    # The servers' own users must reach their folders inside DIR (mktemp makes it 0700).
    ((as_root)) && chmod 0755 "$dir"
    : >"$dir/env"
    # A failed start leaves nothing running and nothing on disk, whoever called it (once a
    # PostgreSQL still starting has got as far as it will).
    pg_job=""
    trap 'echo "test-servers: cleaning up after the failed start" >&2
          [[ -z "$pg_job" ]] || wait "$pg_job" 2>/dev/null || true
          bash "$self" stop "$dir"' EXIT
    # Concurrent runs (several build folders) would otherwise pick the same free ports; the
    # servers get the lock's descriptor closed (9>&-) so that it is not held past the start.
    # Opened for reading, and made writable by all, so root and other users share it.
    lock="${TMPDIR:-/tmp}/blogdesk-test-servers.lock"
    [[ -e "$lock" ]] || (umask 000 && : >>"$lock")
    exec 9<"$lock"
    flock 9
    # Side by side: each takes a few seconds, mostly waiting.
    start_postgresql &
    pg_job=$!
    start_mariadb
    pg_started=0
    wait "$pg_job" && pg_started=1
    pg_job=""
    ((pg_started)) || fail "PostgreSQL did not start (see above)"
    flock --unlock 9
    trap - EXIT
    ;;
env)
    [[ -f "$dir/env" ]] || fail "no servers were started in $dir"
    cat "$dir/env"
    ;;
stop)
    [[ -d "$dir" ]] || exit 0
    [[ -f "$dir/$marker" ]] || fail "$dir was not made by '$0 start'; not touching it"
    stop_postgresql
    stop_mariadb
    rm -rf -- "$dir"
    ;;
crash)
    # No clean shutdown, open transactions lost, recovery at the next start: PostgreSQL's
    # immediate mode (every backend quits at once), SIGKILL for MariaDB.
    [[ -f "$dir/$marker" ]] || fail "$dir was not made by '$0 start'"
    case "$server_name" in
    postgresql)
        as_user postgres "$(pg_bin_dir)/pg_ctl" --pgdata="$pg_data" --mode=immediate --wait \
            stop >/dev/null
        ;;
    mariadb) kill -KILL "$(cat "$my_pid_file")" ;;
    *) usage ;;
    esac
    sleep 0.5
    ;;
revive)
    [[ -f "$dir/$marker" ]] || fail "$dir was not made by '$0 start'"
    case "$server_name" in
    postgresql)
        rm -f "$pg_data/postmaster.pid"
        launch_postgresql "$(cat "$dir/pg.port")"
        ;;
    mariadb)
        rm -f "$my_pid_file" "$my_socket"
        launch_mariadb "$(cat "$dir/my.port")"
        ;;
    *) usage ;;
    esac
    ;;
*)
    usage
    ;;
esac
