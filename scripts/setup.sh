#!/usr/bin/env bash
# Installs the Debian packages BlogDesk needs (only the missing ones), then configures and
# builds it in ./build. Safe to run again: with nothing changed it takes a second or two.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BLOGDESK_BUILD_DIR:-$root/build}"

packages=(
    cmake ninja-build g++ ccache pkg-config clang-format
    qt6-base-dev qt6-base-dev-tools libgl-dev libssl-dev libsqlite3-dev libpq-dev sqlite3
    qt6-tools-dev qt6-l10n-tools
    libqt6sql6-sqlite libqt6sql6-psql libqt6sql6-mysql qtkeychain-qt6-dev
    postgresql mariadb-server mariadb-client
    xvfb xauth
    python3 python3-flask-sqlalchemy python3-flask-migrate python3-psycopg2 python3-pymysql
    python3-werkzeug
)

missing=()
for package in "${packages[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)"
    [[ "$status" == "install ok installed" ]] || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}"
    if [[ $(id -u) -ne 0 ]]; then
        echo "setup: run as root (or install the packages above with sudo apt-get install)" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # Packages must not start their services at install time: the tests start their own.
    policy=/usr/sbin/policy-rc.d
    created_policy=0
    if [[ ! -e $policy ]]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created_policy=1
    fi
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
    ((created_policy)) && rm -f "$policy"
fi

if [[ ! -f "$build/build.ninja" ]]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
# BLOGDESK_BUILD_TARGETS (e.g. "blogdesk blogdesk_benchmark") builds only those.
read -r -a targets <<<"${BLOGDESK_BUILD_TARGETS:-}"
cmake --build "$build" --parallel "$(nproc)" ${targets[@]+--target "${targets[@]}"}
