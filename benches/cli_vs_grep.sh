#!/usr/bin/env bash
# Whole-process `copydesk check` over a folder of drafts, beside one
# `grep -E` pass over the same files, timed in the same run so that the
# machine's load weighs on both alike. Prints a Markdown table.
#
#   benches/cli_vs_grep.sh [DIR] [RUNS]
#
# DIR: the drafts (default $COPYDESK_REAL_DIR, else /tmp/articles: the 645
# real articles of the SemEval-2019 hyperpartisan corpus, converted to
# Markdown by the project's to_markdown.py). RUNS: timed runs of each
# command, after one warm-up run (default 9); the table gives the median
# and the fastest wall time, and the median CPU time. COPYDESK_BIN picks the binary (default
# target/release/copydesk, built if missing); COPYDESK_BASE, if set, names
# another (an older build) whose rows are timed in the same run, so that
# the two are compared under the same load.
#
# Rows: one plain `grep -E` pass (two alternatives, case-sensitive: the
# baseline the ratios are taken against, the cheapest useful pass over the
# files); a grep a desk might really run (attribution verbs, promo codes,
# affiliate tags; -i and word boundaries make it several times slower);
# copydesk on one thread (--jobs 1) and on every core (the default), JSON to
# /dev/null. Every row is one process from start to exit, reading the same
# files from the page cache. Not part of `cargo test`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
dir=${1:-${COPYDESK_REAL_DIR:-/tmp/articles}}
runs=${2:-9}
bin=${COPYDESK_BIN:-$root/target/release/copydesk}
[ -x "$bin" ] || (cd "$root" && cargo build --release --quiet)
[ -d "$dir" ] || { echo "no drafts in $dir; see the header of $0" >&2; exit 2; }
mapfile -t files < <(find "$dir" -maxdepth 1 -type f -name '*.md' | sort)
[ ${#files[@]} -gt 0 ] || { echo "no .md files in $dir" >&2; exit 2; }
bytes=$(cat "${files[@]}" | wc -c)
desk_pattern='\b(said|says|according to|experts say|studies show)\b|promo code|coupon|[?&](tag|utm_[a-z]+)='

# Median and fastest wall time, and median CPU time (user + system, all
# threads), of a command, in milliseconds. CPU time hardly depends on the
# machine's load; wall time does.
time_it() {
  python3 - "$runs" "$@" <<'PY'
import resource, subprocess, sys, time
runs = int(sys.argv[1]); cmd = sys.argv[2:]
subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm-up
def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime
times, cpus = [], []
for _ in range(runs):
    c, t = cpu(), time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times.append((time.perf_counter() - t) * 1000)
    cpus.append((cpu() - c) * 1000)
times.sort(); cpus.sort()
print(f"{times[len(times) // 2]:.1f} {times[0]:.1f} {cpus[len(cpus) // 2]:.1f}")
PY
}

read -r g_med g_min g_cpu < <(time_it grep -E -n -e 'said|according to' "${files[@]}")
read -r d_med d_min d_cpu < <(time_it grep -E -i -n -e "$desk_pattern" "${files[@]}")
read -r one_med one_min one_cpu < <(time_it "$bin" check --jobs 1 --format json "${files[@]}")
read -r all_med all_min all_cpu < <(time_it "$bin" check --format json "${files[@]}")
base=${COPYDESK_BASE:-}
if [ -n "$base" ]; then
  read -r b1_med b1_min b1_cpu < <(time_it "$base" check --jobs 1 --format json "${files[@]}")
  read -r ba_med ba_min ba_cpu < <(time_it "$base" check --format json "${files[@]}")
fi

mib=$(python3 -c "print(f'{$bytes / 1048576:.2f}')")
echo "${#files[@]} drafts, $mib MiB, $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg), $runs runs each"
echo
echo "| command | wall, median | wall, fastest | CPU, median | × grep (wall median) | MiB/s (wall median) |"
echo "|---|---:|---:|---:|---:|---:|"
row() {
  python3 - "$1" "$2" "$3" "$4" "$g_med" "$bytes" <<'PY'
import sys
name, med, mn, cpu, g, b = sys.argv[1], *map(float, sys.argv[2:])
print(f"| {name} | {med:.0f} ms | {mn:.0f} ms | {cpu:.0f} ms | {med / g:.1f} | {b / 1048576 / (med / 1000):.1f} |")
PY
}
row "grep -E 'said\\|according to'" "$g_med" "$g_min" "$g_cpu"
row "grep -E -i (a desk's pattern)" "$d_med" "$d_min" "$d_cpu"
row "copydesk check --jobs 1" "$one_med" "$one_min" "$one_cpu"
row "copydesk check (all cores)" "$all_med" "$all_min" "$all_cpu"
if [ -n "$base" ]; then
  row "base: copydesk check --jobs 1" "$b1_med" "$b1_min" "$b1_cpu"
  row "base: copydesk check (all cores)" "$ba_med" "$ba_min" "$ba_cpu"
fi
