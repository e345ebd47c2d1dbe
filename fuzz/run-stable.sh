#!/usr/bin/env bash
# Builds and runs the `extract` fuzz target with libFuzzer on a *stable* toolchain, without
# cargo-fuzz (which wants nightly for its sanitizer flags): the same SanitizerCoverage
# instrumentation cargo-fuzz uses, minus AddressSanitizer (safe Rust needs it little).
# `--target` keeps the flags off build scripts.
#
#   fuzz/run-stable.sh [SECONDS]      # default 600; findings go to /tmp/claimex-fuzz/artifacts
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
work=${TMPDIR:-/tmp}/claimex-fuzz
target=$(rustc -vV | sed -n 's/^host: //p')
RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks" \
  cargo build --release --bin extract --target "$target" --target-dir "$work/target"
mkdir -p "$work/corpus" "$work/artifacts"
cp ../corpus/*.txt "$work/corpus/"
"$work/target/$target/release/extract" "$work/corpus" -max_total_time="$secs" -max_len=65536 \
  -rss_limit_mb=2048 -timeout=30 -artifact_prefix="$work/artifacts/" -print_final_stats=1
