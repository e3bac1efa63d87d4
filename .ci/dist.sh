#!/usr/bin/env bash
# Builds what users install, into target/dist/ (or OUT):
#
#   .ci/dist.sh [OUT]
#
#   OUT/copydesk                      the stripped release binary (linux-x64)
#   OUT/copydesk-linux-x64.vsix       the VS Code extension with that binary
#                                     bundled as server/copydesk
#                                     (vsce package --target linux-x64)
#   OUT/copydesk.nvim/                the Neovim plugin folder (lua/, plugin/,
#                                     lsp/, doc/ with its help tags), ready
#                                     for a plugin manager's `dir =`
#   OUT/completions/                  copydesk.bash, _copydesk (zsh),
#                                     copydesk.fish
#   OUT/man/copydesk.1                the man page
#
# COPYDESK_BIN=path packages that binary instead of building one (the VS
# Code e2e test bundles the binary under test this way), stripping a copy
# of it when `strip` is there. Needs Node 20+ and npm for the .vsix (the
# extension's devDependencies include vsce; `npm ci` runs when
# editors/vscode/node_modules is missing). DIST_ONLY=vsix builds only the
# .vsix.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$repo/target/dist}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
say() { echo "==> dist: $*" >&2; }

bin="${COPYDESK_BIN:-}"
if [ -z "$bin" ]; then
  say "cargo build --release --locked"
  (cd "$repo" && cargo build --release --locked --bin copydesk)
  bin="$repo/target/release/copydesk"
fi
# The release profile strips; a binary from elsewhere (a debug build) is
# stripped here, so that the .vsix never carries debug information.
cp "$bin" "$out/copydesk"
chmod 755 "$out/copydesk"
if command -v strip >/dev/null 2>&1; then strip "$out/copydesk"; fi
say "binary: $out/copydesk ($(du -h "$out/copydesk" | cut -f1))"

# --- the .vsix, with the server inside ------------------------------------
ext="$repo/editors/vscode"
if [ ! -d "$ext/node_modules" ]; then
  say "npm ci in editors/vscode"
  (cd "$ext" && npm ci --no-audit --no-fund </dev/null)
fi
vsix="$out/copydesk-linux-x64.vsix"
(
  # One packaging at a time, the e2e test's included (the same lock):
  # server/ and dist/ are in the source tree.
  flock 9
  mkdir -p "$ext/server"
  cp "$out/copydesk" "$ext/server/copydesk"
  trap 'rm -f "$ext/server/copydesk"; rmdir "$ext/server" 2>/dev/null || true' EXIT
  cd "$ext"
  say "vsce package --target linux-x64"
  npm run --silent build >&2
  ./node_modules/.bin/vsce package --target linux-x64 --no-dependencies \
    --allow-missing-repository --skip-license --no-rewrite-relative-links \
    --out "$vsix" >&2
) 9>"$ext/node_modules/.copydesk-e2e.lock"
say "extension: $vsix ($(du -h "$vsix" | cut -f1))"
[ "${DIST_ONLY:-}" != vsix ] || exit 0

# --- the Neovim plugin folder ----------------------------------------------
nvim_out="$out/copydesk.nvim"
rm -rf "$nvim_out"
mkdir -p "$nvim_out"
cp -r "$repo/editors/nvim/lua" "$repo/editors/nvim/plugin" "$repo/editors/nvim/lsp" \
  "$repo/editors/nvim/doc" "$repo/editors/nvim/README.md" "$nvim_out/"
rm -f "$nvim_out/doc/tags"
if command -v "${COPYDESK_NVIM:-nvim}" >/dev/null 2>&1; then
  "${COPYDESK_NVIM:-nvim}" --headless --clean -c "helptags $nvim_out/doc" -c q 2>/dev/null || true
fi
say "Neovim plugin: $nvim_out"

# --- completions and man page, from the binary's own clap definition -------
mkdir -p "$out/completions" "$out/man"
"$out/copydesk" completions bash >"$out/completions/copydesk.bash"
"$out/copydesk" completions zsh >"$out/completions/_copydesk"
"$out/copydesk" completions fish >"$out/completions/copydesk.fish"
"$out/copydesk" man >"$out/man/copydesk.1"
say "completions and man page: $out/completions, $out/man"
