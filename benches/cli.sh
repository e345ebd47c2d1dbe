#!/usr/bin/env bash
# Times `claimex batch` end to end on generated corpora: MB/s and peak RSS on 1 thread and on
# all cores, and the 1x -> 10x scaling. Corpora go to $TMPDIR (not the repo); output goes to
# /dev/null (it is about 10x the input).
#
#   benches/cli.sh [BASE_MB]          # default 50: runs 50 MB and 500 MB corpora
#   BIG_MB=1000 benches/cli.sh 50     # also the 1 GB run, all cores
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-50}
tmp=${TMPDIR:-/tmp}
cargo build --release --quiet
bin=target/release/claimex
gen() { [ -d "$tmp/claimex-corpus-$1" ] || python3 benches/gen_corpus.py "$tmp/claimex-corpus-$1" "$1"; }
run() { # MB THREADS
  local out
  out=$( { /usr/bin/time -v "$bin" batch -j "$2" "$tmp/claimex-corpus-$1" >/dev/null; } 2>&1 )
  local wall rss summary
  summary=$(grep '^claimex:' <<<"$out")
  wall=$(grep 'Elapsed (wall clock)' <<<"$out" | awk '{print $NF}')
  rss=$(grep 'Maximum resident' <<<"$out" | awk '{print $NF}')
  echo "$1 MB, -j $2: wall $wall, peak RSS $((rss / 1024)) MB | $summary"
}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
gen "$base"
run "$base" 1
run "$base" "$(nproc)"
gen "$((base * 10))"
run "$((base * 10))" "$(nproc)"
if [ -n "${BIG_MB:-}" ]; then
  gen "$BIG_MB"
  run "$BIG_MB" "$(nproc)"
fi
