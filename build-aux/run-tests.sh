#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The whole test suite, as README.md and .ci/run call it:
#   1. installs missing Debian packages,
#   2. builds with GCC and runs every test (GUI tests under Xvfb + D-Bus),
#   3. rebuilds with AddressSanitizer + UndefinedBehaviorSanitizer and runs
#      the suite again,
#   4. builds the libFuzzer targets with clang and runs each for a bounded time,
# and ends with one line "N passed, N failed, N skipped".
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

FUZZ_SECONDS=${CHRONO_FUZZ_SECONDS:-45}
JOBS=$(nproc)

passed=0
failed=0
skipped=0
failures=()

bash build-aux/install-deps.sh test || { echo "dependency installation failed"; echo "0 passed, 1 failed"; exit 1; }

step () {
  # step NAME COMMAND...: a check that is one test of its own
  local name=$1; shift
  if "$@"; then
    passed=$((passed + 1)); echo "PASS: $name"
  else
    failed=$((failed + 1)); failures+=("$name"); echo "FAIL: $name"
  fi
}

count_meson () {
  # Adds the results of the last `meson test` in build dir $1 to the totals.
  local log="$1/meson-logs/testlog.json"
  [ -f "$log" ] || return 0
  local counts
  counts=$(python3 - "$log" <<'PY'
import json, sys
p = f = s = 0
names = []
for line in open(sys.argv[1]):
    line = line.strip()
    if not line:
        continue
    r = json.loads(line)
    res = r.get("result")
    if res in ("OK", "EXPECTEDFAIL"):
        p += 1
    elif res == "SKIP":
        s += 1
    else:
        f += 1
        names.append(r.get("name", "?"))
print(p, f, s, " ".join(names))
PY
)
  read -r p f s names <<<"$counts"
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  [ -n "${names:-}" ] && failures+=("$1: $names")
  return 0
}

run_suite () {
  # run_suite BUILDDIR [extra meson test args]: unit suites, then GUI under Xvfb.
  local dir=$1; shift
  meson test -C "$dir" --no-rebuild --print-errorlogs --num-processes "$JOBS" \
    --no-suite gui "$@"
  count_meson "$dir"
  if [ -f "$dir/src/chronoscope" ]; then
    xvfb-run -a -s "-screen 0 1400x900x24 -noreset" dbus-run-session -- \
      meson test -C "$dir" --no-rebuild --print-errorlogs --num-processes 1 --suite gui "$@"
    count_meson "$dir"
  fi
}

# 1. GCC build, full suite.
step "build (gcc)" bash -c "meson setup --wipe build-ci >/dev/null 2>&1 || meson setup build-ci && ninja -C build-ci"
if [ -f build-ci/build.ninja ]; then
  run_suite build-ci
fi

# 2. Sanitizers.
step "build (asan+ubsan)" bash -c "CC=gcc meson setup --wipe build-ci-asan -Db_sanitize=address,undefined -Db_lundef=false >/dev/null 2>&1 || CC=gcc meson setup build-ci-asan -Db_sanitize=address,undefined -Db_lundef=false; ninja -C build-ci-asan"
if [ -f build-ci-asan/build.ninja ]; then
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  export LSAN_OPTIONS=suppressions=$top/tests/lsan.supp:print_suppressions=0
  run_suite build-ci-asan
  unset ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS
fi

# 3. Fuzzers (clang + libFuzzer), each for a bounded time.
if [ -f build-aux/run-fuzzers.sh ]; then
  step "build (fuzzers)" bash -c "CC=clang meson setup --wipe build-ci-fuzz -Dfuzzing=true -Dgui=false -Db_sanitize=address,undefined -Db_lundef=false >/dev/null 2>&1 || CC=clang meson setup build-ci-fuzz -Dfuzzing=true -Dgui=false -Db_sanitize=address,undefined -Db_lundef=false; ninja -C build-ci-fuzz"
  if [ -f build-ci-fuzz/build.ninja ]; then
    for target in build-ci-fuzz/tests/fuzz/fuzz-*; do
      [ -f "$target" ] && [ -x "$target" ] || continue
      name=$(basename "$target")
      step "fuzz $name (${FUZZ_SECONDS}s)" bash build-aux/run-fuzzers.sh build-ci-fuzz "$FUZZ_SECONDS" "$name"
    done
  fi
fi

echo
if [ ${#failures[@]} -gt 0 ]; then
  echo "Failures:"
  printf '  %s\n' "${failures[@]}"
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
