#!/usr/bin/env bash
# Sets up and builds BlogDesk, then runs every test through CTest.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BLOGDESK_BUILD_DIR:-$root/build}"
"$root/scripts/setup.sh"
cd "$build"
ctest --output-on-failure --parallel "$(nproc)" "$@"
