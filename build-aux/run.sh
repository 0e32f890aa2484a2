#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds Chronoscope and launches it on the
# built-in timeline (extra arguments go to the app, e.g. a file to open).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

bash build-aux/install-deps.sh run
[ -f build/build.ninja ] || meson setup build
ninja -C build
# Use the schema compiled in the build tree, so window state and export
# options are remembered without installing.
export GSETTINGS_SCHEMA_DIR="$top/build/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
exec ./build/src/chronoscope "$@"
