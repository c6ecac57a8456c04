#!/usr/bin/env bash
# Every check, as CI runs it: format, docs, lints (host and wasm32, built
# with the tests), tests (native, in-browser wasm and end-to-end against a
# release build, which is built meanwhile). Runs every step even when one
# fails, then exits non-zero if any did. The last line summarises the
# end-to-end run: "e2e: N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec </dev/null # nothing below reads input; CI has none
[ -d "$HOME/.cargo/bin" ] && export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

started=$SECONDS
failed_steps=()

# See scripts/setup.sh: a rename over /dev/null (as root) breaks every build.
ensure_dev_null() {
  if [ ! -c /dev/null ]; then
    echo "check: warning: /dev/null was replaced by a plain file; restoring the device"
    rm -f /dev/null && mknod -m 666 /dev/null c 1 3
    rm -f target/.rustc_info.json
  fi
}

step() {
  local name=$1
  shift
  ensure_dev_null
  printf '\n==> %s\n' "$name"
  local t0=$SECONDS
  if "$@"; then
    printf '==> %s: ok (%ss)\n' "$name" $((SECONDS - t0))
  else
    printf '==> %s: FAILED (%ss)\n' "$name" $((SECONDS - t0))
    failed_steps+=("$name")
    return 1
  fi
}

# The release build for the end-to-end tests starts now and runs beside the
# lints and tests below: for much of its time (its last crate, then
# wasm-opt) it keeps only one core busy. A target directory of its own keeps
# cargo's lock out of their way.
site_log=$(mktemp)
site_started=$SECONDS
CARGO_TARGET_DIR=target/site trunk build --release >"$site_log" 2>&1 &
site_build=$!
site_built() {
  local status=0
  wait "$site_build" || status=$?
  cat "$site_log"
  rm -f "$site_log"
  printf '(started with the lints: %ss in all)\n' $((SECONDS - site_started))
  return $status
}

step "cargo fmt" cargo fmt --all --check || true
step "docs (engine and CLI, links checked)" \
  env RUSTDOCFLAGS="-D warnings" cargo doc -p journey-core -p journey-cli --no-deps || true

# The lints come with the test builds: from here on clippy-driver compiles
# the workspace's own crates in place of rustc, with warnings denied, as
# `cargo clippy --all-targets -- -D warnings` has it check them. Every
# target of every member is built below, for the host and for wasm32: one
# build of the code, not a check for the lints and a build for the tests.
# A lint fails its step as a failing test does. (The release build above
# started without it. The end-to-end tests' `journey` command,
# tests/e2e/fixtures.mjs, comes from the same cargo command under the same
# settings, so it is found built.)
export RUSTC_WORKSPACE_WRAPPER=clippy-driver
export CLIPPY_ARGS=-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__

# The engine's tests apart: its property tests' features change how the
# engine computes a logarithm (journey-core/Cargo.toml), and the command's
# tests (and the end-to-end tests, which compare it with the page) run the
# `journey` command as shipped.
step "tests and lints (engine)" cargo test -p journey-core --profile native-tests || true
step "tests and lints (command and app, native)" \
  cargo test --workspace --exclude journey-core --profile native-tests || true
# The app and the engine it builds on, every target, as the browser runs them.
step "lints (wasm32, app and engine)" \
  cargo build -p cx-journey-app --target wasm32-unknown-unknown --profile wasm-tests --all-targets || true

# Browser-only tests of the app: tests/*.rs that use wasm-bindgen-test.
wasm_tests=()
for file in tests/*.rs; do
  [ -f "$file" ] && grep -q wasm_bindgen_test "$file" && wasm_tests+=(--test "$(basename "$file" .rs)")
done
if [ ${#wasm_tests[@]} -gt 0 ]; then
  step "tests (wasm32, headless Chromium)" \
    env WASM_BINDGEN_TEST_WEBDRIVER_JSON="$PWD/tests/webdriver.json" \
    cargo test -p cx-journey-app --target wasm32-unknown-unknown --profile wasm-tests "${wasm_tests[@]}" || true
fi

e2e_line="e2e: 0 passed, 1 failed (not run: the release build failed)"
if step "trunk build --release" site_built; then
  e2e_log=$(mktemp)
  run_e2e() { node tests/e2e/run.mjs 2>&1 | tee "$e2e_log"; }
  step "end-to-end (headless Chromium)" run_e2e || true
  summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$e2e_log" | tail -n1 || true)
  e2e_line="e2e: ${summary:-0 passed, 1 failed (no summary from tests/e2e/run.mjs)}"
  rm -f "$e2e_log"
fi

printf '\n'
if [ ${#failed_steps[@]} -gt 0 ]; then
  printf 'check: FAILED after %ss: %s\n' $((SECONDS - started)) "$(IFS=,; echo "${failed_steps[*]}" | sed 's/,/, /g')"
  status=1
else
  printf 'check: all steps passed in %ss\n' $((SECONDS - started))
  status=0
fi
echo "$e2e_line"
exit $status
