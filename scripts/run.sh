#!/usr/bin/env bash
# Sets up and builds BlogDesk, then opens it (on the embedded default database unless
# --database URL or DATABASE_URL says otherwise). Arguments are passed to blogdesk.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
exec "${BLOGDESK_BUILD_DIR:-$root/build}/app/blogdesk" "$@"
