#!/usr/bin/env bash
# End-to-end test of the VS Code extension in a real VS Code host.
#
#   editors/vscode/e2e/run.sh DRAFT.md
#   editors/vscode/e2e/run.sh --missing-server DRAFT.md
#
# Builds the .vsix, installs it into a fresh code-server with
# `--install-extension`, starts code-server on 127.0.0.1 with `--auth none`,
# opens the workbench in headless Chromium, opens the draft, and waits until
# the diagnostics VS Code holds for it (read through the VS Code API by the
# extension's COPYDESK_E2E_DIAGNOSTICS self-check) equal what
# `copydesk check --format json` reports for the same file.
#
# It then changes a copydesk setting in the user settings editor and waits
# for the change to reach the running server (no restart), and runs
# "copydesk: Restart server" and waits for the new server's diagnostics. With
# --missing-server, copydesk.path points nowhere and the test passes when
# VS Code shows copydesk's error notification instead of diagnostics.
#
# Prints the diagnostics it saw as a JSON array (code, source, range,
# message) on stdout; progress goes to stderr. Exits 0 when they arrived and
# matched, 1 when they did not, 2 when something it needs is missing.
#
# Environment:
#   COPYDESK_BIN            the server binary (default: target/release/copydesk
#                           of this checkout, else `copydesk` on PATH)
#   COPYDESK_CODE_SERVER    code-server (default: `code-server` on PATH; it
#                           needs Node 24 on its PATH)
#   COPYDESK_CHROMIUM       Chromium (default: /usr/bin/chromium)
#   COPYDESK_E2E_SCREENSHOT write a PNG of the workbench with the Problems panel
#   COPYDESK_E2E_TIMEOUT    seconds to wait for the diagnostics (default 180)
#   COPYDESK_E2E_KEEP       keep the scratch directory (logs) for a post-mortem
#   COPYDESK_E2E_VSIX       test this .vsix as it is (one built by .ci/dist.sh,
#                           with the server bundled) instead of packaging one,
#                           with copydesk.path unset: the test then also
#                           checks that the extension started its bundled
#                           server. COPYDESK_BIN must be the binary bundled
#                           in it (it gives the expected findings).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ext_dir="$(dirname "$here")"
repo="$(cd "$ext_dir/../.." && pwd)"

say() { echo "[e2e] $*" >&2; }
missing() { say "cannot run: $*"; exit 2; }

missing_server=""
if [ "${1:-}" = "--missing-server" ]; then missing_server=1; shift; fi
[ $# -eq 1 ] || { echo "usage: $0 [--missing-server] DRAFT.md" >&2; exit 2; }
draft_src="$1"
[ -f "$draft_src" ] || missing "no such draft: $draft_src"

bin="${COPYDESK_BIN:-}"
if [ -z "$bin" ]; then
  if [ -x "$repo/target/release/copydesk" ]; then bin="$repo/target/release/copydesk"
  else bin="$(command -v copydesk || true)"; fi
fi
[ -n "$bin" ] && [ -x "$bin" ] || missing "no copydesk binary (build with cargo build --release, or set COPYDESK_BIN)"
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

code_server="${COPYDESK_CODE_SERVER:-$(command -v code-server || true)}"
[ -n "$code_server" ] || missing "code-server not found (set COPYDESK_CODE_SERVER or put it on PATH; .ci/run installs it)"
chromium="${COPYDESK_CHROMIUM:-/usr/bin/chromium}"
[ -x "$chromium" ] || missing "Chromium not found at $chromium (apt-get install chromium, or set COPYDESK_CHROMIUM)"
[ -d "$ext_dir/node_modules" ] || missing "editors/vscode/node_modules is missing (run npm ci in editors/vscode)"

work="$(mktemp -d "${TMPDIR:-/tmp}/copydesk-vscode-e2e.XXXXXX")"
server_pid=""
cleanup() {
  local status=$?
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ -n "${COPYDESK_E2E_KEEP:-}" ]; then
    say "kept $work"
  else
    # code-server's children (extension host, language server) can still
    # be writing their logs for a moment after it goes: a failed removal
    # is retried, and never turns a pass into a failure.
    local _
    for _ in 1 2 3 4 5; do
      rm -rf "$work" 2>/dev/null && break
      sleep 1
    done
    [ ! -e "$work" ] || say "could not remove $work"
  fi
  exit "$status"
}
trap cleanup EXIT

# The draft, alone in a scratch workspace; `copydesk check` reads the same file.
mkdir -p "$work/workspace" "$work/user-data/User" "$work/extensions" "$work/chromium-profile"
draft="$work/workspace/$(basename "$draft_src")"
cp "$draft_src" "$draft"
set +e
(cd "$work/workspace" && "$bin" check --format json "$(basename "$draft")") >"$work/expected.json"
status=$?
set -e
[ "$status" -le 1 ] || missing "copydesk check failed on $draft_src (exit $status)"

vsix="${COPYDESK_E2E_VSIX:-}"
if [ -n "$vsix" ]; then
  [ -f "$vsix" ] || missing "no such .vsix: $vsix"
  [ -z "$missing_server" ] || missing "--missing-server cannot be tested with a bundled server"
  say "testing $vsix as it is, with its bundled server"
  cp "$vsix" "$work/copydesk.vsix"
else
say "packaging the extension (npm run package)"
# Under a lock: `npm run package` writes dist/ and copydesk.vsix in the
# source tree, and two runs at once would trip over each other.
if ! (
  flock 9
  cd "$ext_dir" && npm run --silent package >"$work/package.log" 2>&1 &&
    mv "$ext_dir/copydesk.vsix" "$work/copydesk.vsix"
) 9>"$ext_dir/node_modules/.copydesk-e2e.lock"; then
  cat "$work/package.log" >&2
  say "FAIL: npm run package"
  echo "[]"
  exit 1
fi
fi

# Settings a test host wants: no welcome page, no trust prompt, no network;
# the server binary under test via the extension's own setting.
server_path="$bin"
[ -z "$missing_server" ] || server_path="$work/no-such-dir/copydesk"
# copydesk.path is machine-scoped (a binary lives on one machine), so in a
# remote window — code-server is one — VS Code reads it from the remote
# machine's settings, not from the user's.
mkdir -p "$work/user-data/Machine"
if [ -n "$vsix" ]; then
  # As a user who installed the .vsix: no copydesk.path at all.
  echo '{}' >"$work/user-data/Machine/settings.json"
else
cat >"$work/user-data/Machine/settings.json" <<EOF
{
  "copydesk.path": "$server_path"
}
EOF
fi
cat >"$work/user-data/User/settings.json" <<EOF
{
  "copydesk.trace.server": "messages",
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "chat.disableAIFeatures": true,
  "git.enabled": false,
  "window.commandCenter": false,
  "editor.minimap.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.sideBar.location": "left"
}
EOF

cs=("$code_server" --user-data-dir "$work/user-data" --extensions-dir "$work/extensions")
say "installing the .vsix with code-server --install-extension"
"${cs[@]}" --install-extension "$work/copydesk.vsix" >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; say "FAIL: --install-extension"; echo "[]"; exit 1; }

say "starting code-server"
# COPYDESK_LOG=debug: the server logs receiving settings (on stderr, which
# the extension reads).
COPYDESK_E2E_DIAGNOSTICS="$work/diagnostics.json" COPYDESK_LOG=debug \
  "${cs[@]}" --auth none --bind-addr 127.0.0.1:0 --config "$work/config.yaml" \
  --disable-telemetry --disable-update-check --disable-workspace-trust \
  --disable-getting-started-override --ignore-last-opened \
  "$work/workspace" >"$work/code-server.log" 2>&1 &
server_pid=$!

url=""
for _ in $(seq 1 120); do
  # (The log may not exist yet: the background job opens it.)
  url="$(sed -n 's/.*HTTP server listening on \(http:[^ ]*\).*/\1/p' "$work/code-server.log" 2>/dev/null | head -n1 || true)"
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.5
done
if [ -z "$url" ]; then
  cat "$work/code-server.log" >&2
  say "FAIL: code-server did not start"
  echo "[]"
  exit 1
fi
say "code-server is at $url"

args=(--url "$url" --workspace "$work/workspace" --draft "$draft"
      --diagnostics "$work/diagnostics.json" --expected "$work/expected.json"
      --timeout "${COPYDESK_E2E_TIMEOUT:-180}" --chromium "$chromium"
      --profile "$work/chromium-profile")
if [ -n "$missing_server" ]; then
  args+=(--expect-missing-server)
else
  args+=(--settings "$work/user-data/User/settings.json")
fi
if [ -n "${COPYDESK_E2E_SCREENSHOT:-}" ]; then
  args+=(--screenshot "$(cd "$(dirname "$COPYDESK_E2E_SCREENSHOT")" && pwd)/$(basename "$COPYDESK_E2E_SCREENSHOT")")
fi

set +e
node "$here/drive.mjs" "${args[@]}"
status=$?
set -e
if [ "$status" -eq 0 ] && [ -n "$vsix" ]; then
  # The diagnostics came from the server inside the .vsix, not one on PATH.
  log="$(find "$work/user-data/logs" -name 'copydesk.log' 2>/dev/null | head -n1)"
  if [ -n "$log" ] && grep -q "lsp --stdio (from bundled)" "$log"; then
    say "ok: the extension started its bundled server: $(grep -m1 'lsp --stdio (from bundled)' "$log" | sed 's/.*starting //')"
  else
    say "FAIL: the extension did not start its bundled server"
    [ -z "$log" ] || tail -n 20 "$log" >&2
    status=1
  fi
fi
if [ "$status" -ne 0 ]; then
  say "code-server log (tail):"
  tail -n 40 "$work/code-server.log" >&2 || true
  log="$(find "$work/user-data/logs" -name 'copydesk.log' 2>/dev/null | head -n1)"
  if [ -n "$log" ]; then say "copydesk output channel ($log):"; tail -n 40 "$log" >&2; fi
fi
exit "$status"
