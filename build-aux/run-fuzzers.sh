#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs every libFuzzer target for SECONDS seconds each, starting from a copy
# of its seed corpus (tests/fuzz/corpus/<target>/) so that the repository
# is never written to. Fails if any target finds a crash, leak, timeout or
# sanitizer report; the input that caused it is kept in the work directory
# named in the output (add it to tests/data/formats/regressions/).
#
#   CC=clang meson setup build-fuzz -Dfuzzing=true -Dgui=false -Dtests=true \
#     -Db_sanitize=address,undefined -Db_lundef=false
#   ninja -C build-fuzz
#   build-aux/run-fuzzers.sh build-fuzz 60 [fuzz-csv]
set -u

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 BUILDDIR SECONDS [TARGET]" >&2
  exit 2
fi
builddir=$1
seconds=$2
srcdir=$(cd "$(dirname "$0")/.." && pwd)
targets=${3:-"fuzz-date fuzz-native fuzz-csv fuzz-timelinejs fuzz-stix fuzz-detect"}
# A fixed seed makes a CI run repeatable (the same inputs in the same order);
# CHRONO_FUZZ_SEED=0 lets libFuzzer pick one, for longer runs by hand.
seed=${CHRONO_FUZZ_SEED:-1}
workdir=$(mktemp -d "${TMPDIR:-/tmp}/chrono-fuzz.XXXXXX")
status=0

export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export ASAN_OPTIONS="detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export TZ=UTC LC_ALL=C.UTF-8

for target in $targets; do
  binary="$builddir/tests/fuzz/$target"
  if [ ! -x "$binary" ]; then
    echo "$target: FAIL (not built: $binary)"
    status=1
    continue
  fi

  corpus="$workdir/$target/corpus"
  artifacts="$workdir/$target/artifacts/"
  mkdir -p "$corpus" "$artifacts"
  cp "$srcdir/tests/fuzz/corpus/$target/"* "$corpus/" 2>/dev/null || true

  # -rss_limit_mb and -timeout turn unbounded memory or a hang into a failure
  "$binary" -seed="$seed" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$artifacts" \
    "$corpus" >"$workdir/$target/log" 2>&1
  rc=$?

  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$workdir/$target/log" | tail -n 1)
  if [ $rc -eq 0 ]; then
    echo "$target: ok (${runs:-?} runs in ${seconds}s)"
  else
    crash=$(ls "$artifacts" 2>/dev/null | head -n 1)
    echo "$target: FAIL (exit $rc; input: $artifacts$crash; log: $workdir/$target/log)"
    status=1
  fi
done

if [ $status -eq 0 ]; then
  rm -rf "$workdir"
fi
exit $status
