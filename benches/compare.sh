#!/usr/bin/env bash
# Side by side: copydesk and the prose checkers installed on this machine,
# on the same drafts, in one run. Prints a Markdown table.
#
#   benches/compare.sh [REAL_DIR]
#
# Drafts: the real articles (REAL_DIR, else $COPYDESK_REAL_DIR, else
# /tmp/real, made by `python3 ../shared/data/semeval2019-hyperpartisan/
# to_markdown.py /tmp/real`) and benches/data/draft-10k.md (10,000 words).
#
# Peers, each skipped when absent:
#   harper-ls  CFLAGS=-O1 cargo install harper-ls --locked   (timed over LSP)
#   proselint  pip install proselint
#   write-good, alex, textlint (+ textlint-rule-write-good)   npm install -g
#
# Columns: wall time for the whole set (one process, every file on its
# command line; over LSP, one server, a didOpen per file, each waiting for
# its diagnostics), the 10,000-word draft alone (median of 3 runs, process
# start included; over LSP, the first diagnostics after didOpen), the
# re-check after a one-character full-text didChange (LSP only), and the
# peak resident memory over the set run. Not part of `cargo test`; the
# machine is shared, so expect noise and compare ratios.
#
# COMPARE_SKIP="harper-ls proselint" leaves tools out (harper-ls takes
# minutes over the set). COPYDESK_BIN picks the copydesk binary.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
real=${1:-${COPYDESK_REAL_DIR:-/tmp/real}}
draft=$here/data/draft-10k.md
copydesk=${COPYDESK_BIN:-$root/target/release/copydesk}
[ -x "$copydesk" ] || (cd "$root" && cargo build --release --quiet) || exit 2
if [ ! -d "$real" ]; then
  python3 /work/shared/data/semeval2019-hyperpartisan/to_markdown.py "$real" >/dev/null 2>&1 ||
    { echo "no articles in $real; see the header of $0" >&2; exit 2; }
fi
mapfile -t files < <(ls "$real"/*.md | sort)
bytes=$(cat "${files[@]}" | wc -c)
words=$(wc -w <"$draft")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
have_time=$([ -x /usr/bin/time ] && echo 1)

# run NAME CMD... : wall seconds and peak RSS (KB) of one run, to $tmp/NAME.
run() {
  local name=$1; shift
  if [ -n "$have_time" ]; then
    /usr/bin/time -f "%e %M" -o "$tmp/$name" "$@" >/dev/null 2>&1
  else
    local t0=$(date +%s.%N); "$@" >/dev/null 2>&1; local t1=$(date +%s.%N)
    echo "$(echo "$t1 - $t0" | bc) -" >"$tmp/$name"
  fi
}
# (GNU time puts "Command exited with non-zero status 1" first: read the last line.)
secs() { tail -n 1 "$tmp/$1" | awk '{print $1}'; }
rss_mb() { tail -n 1 "$tmp/$1" | awk '{ if ($2 == "-") print "?"; else printf "%.0f", $2/1024 }'; }
skipped() { [[ " ${COMPARE_SKIP:-} " == *" $1 "* ]]; }
median3() { # median3 NAME CMD... : median wall seconds of 3 runs
  local name=$1; shift
  for i in 1 2 3; do run "$name.$i" "$@"; secs "$name.$i"; done | sort -n | sed -n 2p
}
fmt() { awk -v s="$1" 'BEGIN { if (s < 1) printf "%.0f ms", s*1000; else printf "%.2f s", s }'; }

echo "Drafts: ${#files[@]} real articles ($((bytes / 1024)) KiB of Markdown) and a ${words}-word draft ($(wc -c <"$draft") bytes)."
echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), shared; $(date -u +%Y-%m-%d)."
echo
echo "| tool | what it checks | how timed | set of ${#files[@]} | per draft (set / n) | 10k-word draft | re-check after an edit | peak RSS |"
echo "|---|---|---|---:|---:|---:|---:|---:|"

row() { # row TOOL WHAT HOW SET_S DRAFT_S RECHECK RSS
  local per
  per=$(awk -v s="$4" -v n="${#files[@]}" 'BEGIN { printf "%.2f ms", s*1000/n }')
  echo "| $1 | $2 | $3 | $(fmt "$4") | $per | $(fmt "$5") | $6 | $7 MB |"
}

# copydesk, CLI and LSP.
run copydesk "$copydesk" check --format json "${files[@]}"
d=$(median3 copydesk-draft "$copydesk" check --format json "$draft")
row copydesk "unattributed claims, unsourced quotes, promotions" "CLI" \
  "$(secs copydesk)" "$d" "–" "$(rss_mb copydesk)"
lsp_row() { # lsp_row TOOL WHAT CMD...
  local tool=$1 what=$2; shift 2
  local set_json draft_json
  set_json=$(python3 "$here/lsp_peer.py" -- "$@" ::: "${files[@]}") || { echo "| $tool | $what | LSP | failed | | | | |"; return; }
  draft_json=$(python3 "$here/lsp_peer.py" -- "$@" ::: "$draft") || return
  local s d r m
  s=$(echo "$set_json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["open_all_s"])')
  m=$(echo "$set_json" | python3 -c 'import json,sys; j=json.load(sys.stdin); print(round((j["peak_rss_kb"] or 0)/1024))')
  d=$(echo "$draft_json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["open_median_s"])')
  r=$(echo "$draft_json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["recheck_longest_s"])')
  row "$tool" "$what" "LSP" "$s" "$d" "$(fmt "$r")" "$m"
}
lsp_row copydesk "unattributed claims, unsourced quotes, promotions" "$copydesk" lsp

if skipped harper-ls; then
  echo "| harper-ls | grammar, spelling, style (Harper) | skipped (COMPARE_SKIP) | | | | | |"
elif command -v harper-ls >/dev/null; then
  lsp_row harper-ls "grammar, spelling, style (Harper)" harper-ls --stdio
else
  echo "| harper-ls | grammar, spelling, style | not installed | | | | | |"
fi

cli_row() { # cli_row TOOL WHAT CMD... (the files are appended)
  local tool=$1 what=$2; shift 2
  if skipped "$tool"; then
    echo "| $tool | $what | skipped (COMPARE_SKIP) | | | | | |"
    return
  fi
  if ! command -v "$1" >/dev/null; then
    echo "| $tool | $what | not installed | | | | | |"
    return
  fi
  run "$tool" "$@" "${files[@]}"
  local d
  d=$(median3 "$tool-draft" "$@" "$draft")
  row "$tool" "$what" "CLI" "$(secs "$tool")" "$d" "–" "$(rss_mb "$tool")"
}
cli_row proselint "usage, clichés, jargon, typography" proselint check
cli_row write-good "passive voice, weasel words, wordiness" write-good
cli_row alex "insensitive, inconsiderate wording" alex
if command -v textlint >/dev/null && [ -d "$(npm root -g 2>/dev/null)/textlint-rule-write-good" ]; then
  cli_row textlint "pluggable rules; here textlint-rule-write-good" textlint --rule write-good
else
  echo "| textlint | pluggable rules (none installed) | skipped | | | | | |"
fi
