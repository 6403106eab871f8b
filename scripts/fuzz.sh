#!/usr/bin/env bash
# Coverage-guided fuzzing of wirelint's readers, rules and renderers with libFuzzer, on the
# stable toolchain (no nightly, no cargo-fuzz needed).
#
#   scripts/fuzz.sh build                 build every target of fuzz/
#   scripts/fuzz.sh run TARGET SECONDS    run one target (corpus seeded from tests/fixtures)
#   scripts/fuzz.sh all SECONDS           run every target in turn, SECONDS each
#
# The flags are those `cargo fuzz build --sanitizer none` passes: libfuzzer-sys builds libFuzzer
# with the C++ compiler, rustc instruments the code with SanitizerCoverage (-Cpasses=sancov-module,
# a stable option). Only the sanitizers (-Zsanitizer=address) need a nightly compiler, and Rust's
# safe code does not need them: the invariants are panics (fuzz/src/check.rs), with debug
# assertions and overflow checks on. Crashes land in fuzz/artifacts/TARGET/; replay one with
# `fuzz/target/x86_64-unknown-linux-gnu/release/TARGET FILE`, then copy it under
# tests/fixtures/fuzz/ so that tests/it/fuzz_regressions.rs replays it in `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TRIPLE=$(rustc -vV | sed -n 's/^host: //p')
export CARGO_TARGET_DIR="$ROOT/fuzz/target"
BIN="$CARGO_TARGET_DIR/$TRIPLE/release"
TARGETS=(read_text read_jsonl read_nitf read_newsml read_ninjs read_html read_any check_text check_any)

build() {
  RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cllvm-args=-sanitizer-coverage-stack-depth \
--cfg fuzzing -Cdebug-assertions -Coverflow-checks -Cforce-frame-pointers" \
    cargo build --manifest-path fuzz/Cargo.toml --release --bins --target "$TRIPLE"
}

# seeds: the fixtures of the matching format, and the regression inputs
seed() {
  local t=$1 dir="fuzz/corpus/$1"
  mkdir -p "$dir"
  local pats
  case $t in
    read_text) pats='*.txt *.md' ;;
    read_jsonl) pats='*.jsonl *.ndjson' ;;
    read_nitf) pats='*.xml *.nitf' ;;
    read_newsml) pats='*.xml *.newsml' ;;
    read_ninjs) pats='*.json' ;;
    read_html) pats='*.html *.htm' ;;
    check_text) pats='*.txt *.md' ;;
    *) pats='*' ;;
  esac
  for p in $pats; do
    find tests/fixtures examples -type f -name "$p" -size -64k 2>/dev/null | while read -r f; do
      cp "$f" "$dir/seed-$(echo "$f" | tr '/' '_')"
    done
  done
  if [ -d "tests/fixtures/fuzz/$t" ]; then cp tests/fixtures/fuzz/"$t"/* "$dir/" 2>/dev/null || true; fi
}

run() {
  local t=$1 secs=$2
  seed "$t"
  mkdir -p "fuzz/artifacts/$t"
  # -timeout: one input taking longer than 10 s is a crash (a super-linear slow-down);
  # -max_len: 4 KiB by default (FUZZ_MAX_LEN=65536 reaches long runs and deep nesting, slower)
  "$BIN/$t" "fuzz/corpus/$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len="${FUZZ_MAX_LEN:-4096}" \
    -artifact_prefix="fuzz/artifacts/$t/" -print_final_stats=1
}

case ${1:-} in
  build) build ;;
  run) build && run "$2" "$3" ;;
  all) build && for t in "${TARGETS[@]}"; do run "$t" "$2" 2>&1 | tee "fuzz/artifacts/$t.log" | grep -E '^stat::|^==|panicked|ERROR' || true; done ;;
  *) sed -n '2,8p' "$0"; exit 2 ;;
esac
