#!/usr/bin/env bash
# Serves the app at http://127.0.0.1:8080, rebuilding on every change.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
[ -d "$HOME/.cargo/bin" ] && export PATH="$HOME/.cargo/bin:$PATH"
echo "dev: serving the app at http://127.0.0.1:8080 (Ctrl+C stops)"
exec trunk serve --address 127.0.0.1 --port 8080
