#!/usr/bin/env bash
# Installs what building, serving and checking the app needs, and only what
# is missing: quick when everything is there. Safe to run again and again.
#
#   Rust target wasm32-unknown-unknown (+ rustfmt, clippy)   rustup
#   trunk 0.21.14                                              cargo install
#   wasm-bindgen-cli at the wasm-bindgen version in Cargo.lock cargo install
#   wasm-opt (binaryen 132)                                    npm install -g
#   chromium, chromedriver                                     apt-get
#   esbuild, playwright-core, axe-core (package-lock.json)     npm ci
#   crates in Cargo.lock                                       cargo fetch
#   numpy for bench/ (optional)                                pip
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132

log() { printf 'setup: %s\n' "$*"; }
fail() {
  printf 'setup: error: %s\n' "$*" >&2
  exit 1
}
have() { command -v "$1" >/dev/null 2>&1; }
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif have sudo; then
    sudo "$@"
  else
    fail "need root for: $*"
  fi
}

[ -d "$HOME/.cargo/bin" ] && export PATH="$HOME/.cargo/bin:$PATH"

# --- /dev/null ------------------------------------------------------------------
# A program run as root that writes a file by renaming a temporary over it
# (`--out /dev/null`) turns /dev/null into a plain file; every build then
# reads garbage from it, and cargo caches the failed compiler probes.
if [ ! -c /dev/null ]; then
  log "warning: /dev/null is a plain file (something renamed a file over it); restoring the device"
  as_root rm -f /dev/null
  as_root mknod -m 666 /dev/null c 1 3
  rm -f target/.rustc_info.json
fi

# --- Rust -------------------------------------------------------------------
have cargo && have rustup || fail "Rust is missing: install it with rustup (https://rustup.rs)"
installed_components=$(rustup component list --installed)
for component in rustfmt clippy; do
  if ! grep -q "^$component" <<<"$installed_components"; then
    log "adding rustup component $component"
    rustup component add "$component"
  fi
done
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
log "rust: $(rustc --version)"

# --- trunk --------------------------------------------------------------------
if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  log "installing trunk $TRUNK_VERSION (cargo install, several minutes)"
  cargo install --locked "trunk@$TRUNK_VERSION"
fi
log "trunk: $(trunk --version)"

# --- wasm-bindgen-cli, matching the wasm-bindgen crate ------------------------
# Cargo.lock must know the version: resolve what is missing, change nothing else.
if ! grep -q '^name = "wasm-bindgen"$' Cargo.lock 2>/dev/null; then
  cargo metadata --format-version 1 >/dev/null
fi
BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$BINDGEN_VERSION" ] || fail "no wasm-bindgen version in Cargo.lock"
if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $BINDGEN_VERSION (cargo install, a few minutes)"
  cargo install --force wasm-bindgen-cli --version "$BINDGEN_VERSION"
fi
log "wasm-bindgen: $(wasm-bindgen --version)"
grep -q "^wasm_bindgen = \"$BINDGEN_VERSION\"" Trunk.toml ||
  fail "Trunk.toml [tools] wasm_bindgen must be \"$BINDGEN_VERSION\", the version in Cargo.lock"

# --- node, npm, chromium, chromedriver (Debian packages) -----------------------
packages=()
have node || packages+=(nodejs)
have npm || packages+=(npm)
have chromium || packages+=(chromium)
have chromedriver || packages+=(chromium-driver)
if [ ${#packages[@]} -gt 0 ]; then
  log "installing ${packages[*]} (apt-get)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
fi
log "node: $(node --version), chromium: $(chromium --version 2>/dev/null | head -n1)"

# --- wasm-opt: binaryen from npm (Trunk checks for exactly version_$BINARYEN_VERSION)
if ! wasm-opt --version 2>/dev/null | grep -q "^wasm-opt version $BINARYEN_VERSION\b"; then
  log "installing binaryen@$BINARYEN_VERSION (npm install -g)"
  as_root npm install -g --no-audit --no-fund "binaryen@$BINARYEN_VERSION" >/dev/null
  wasm-opt --version | grep -q "^wasm-opt version $BINARYEN_VERSION\b" ||
    fail "wasm-opt on PATH ($(command -v wasm-opt)) is not binaryen $BINARYEN_VERSION"
fi
log "wasm-opt: $(wasm-opt --version | head -n1)"

# --- node packages: the release build's minifier, the end-to-end tests ----------
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing node packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
log "node packages: playwright-core $(node -p 'require("playwright-core/package.json").version'), axe-core $(node -p 'require("axe-core/package.json").version'), esbuild $(node -p 'require("esbuild/package.json").version')"

# --- crates (Trunk builds offline) ---------------------------------------------
cargo fetch --quiet
log "crates: fetched"

# --- numpy for the benchmark (optional) -----------------------------------------
if have python3; then
  if python3 -c 'import numpy' 2>/dev/null; then
    log "numpy: $(python3 -c 'import numpy; print(numpy.__version__)')"
  else
    log "installing numpy for bench/ (pip; optional)"
    python3 -m pip install --quiet -r bench/requirements.txt ||
      log "warning: numpy did not install; bench/run.py will not run, everything else will"
  fi
else
  log "warning: python3 not found; bench/run.py will not run, everything else will"
fi

log "ready"
