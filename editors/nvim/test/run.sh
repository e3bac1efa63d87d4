#!/usr/bin/env bash
# Headless end-to-end test of the Neovim plugin in a real Neovim.
#
#   editors/nvim/test/run.sh DRAFT.md
#
# Runs test/e2e.lua three times in `nvim --headless --clean`: through
# require("copydesk").setup() (see e2e.lua for all it checks), with setup()
# called after the draft is open (lazy loading), and (Neovim 0.11+) through
# vim.lsp.enable("copydesk"), and (0.11+) beside a second, UTF-16-only
# server on the same buffer (test/utf16_stub.py, run with python3). Exits 0
# on success, 1 on a failure, 2 when Neovim or the server is missing or too
# old.
#
# Environment: COPYDESK_BIN (default: target/release/copydesk of this
# checkout, else `copydesk` on PATH), COPYDESK_NVIM (default: `nvim` on PATH).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
[ $# -eq 1 ] || { echo "usage: $0 DRAFT.md" >&2; exit 2; }
draft="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"

bin="${COPYDESK_BIN:-}"
if [ -z "$bin" ]; then
  if [ -x "$repo/target/release/copydesk" ]; then bin="$repo/target/release/copydesk"
  else bin="$(command -v copydesk || true)"; fi
fi
[ -n "$bin" ] && [ -x "$bin" ] || { echo "cannot run: no copydesk binary (set COPYDESK_BIN)" >&2; exit 2; }

nvim="${COPYDESK_NVIM:-$(command -v nvim || true)}"
[ -n "$nvim" ] || { echo "cannot run: nvim not found (set COPYDESK_NVIM or put it on PATH)" >&2; exit 2; }
version="$("$nvim" --version 2>/dev/null | head -n1 || true)"
# From the banner, not by running Lua: before 0.9, `-l` meant Lisp mode.
if [[ ! "$version" =~ ^NVIM\ v([0-9]+)\.([0-9]+) ]]; then
  echo "cannot run: $nvim does not look like Neovim (--version says: ${version:-nothing})" >&2
  exit 2
fi
if [ "${BASH_REMATCH[1]}" -eq 0 ] && [ "${BASH_REMATCH[2]}" -lt 9 ]; then
  echo "cannot run: $version is too old (the plugin needs Neovim 0.9+; Debian's neovim is 0.7)" >&2
  exit 2
fi

export COPYDESK_BIN="$bin"
# A private XDG home: no user config, state or logs leak in or out.
xdg="$(mktemp -d "${TMPDIR:-/tmp}/copydesk-nvim-e2e.XXXXXX")"
trap 'rm -rf "$xdg"' EXIT
export XDG_CONFIG_HOME="$xdg/config" XDG_DATA_HOME="$xdg/data" XDG_STATE_HOME="$xdg/state" XDG_CACHE_HOME="$xdg/cache"

for mode in setup late enable two; do
  "$nvim" --headless --clean -l "$here/e2e.lua" "$mode" "$draft"
done
