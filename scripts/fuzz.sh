#!/usr/bin/env bash
# Fuzzes contractc's whole path from bytes to diagnostics and generated text with libFuzzer.
#
#   scripts/fuzz.sh SECONDS [LIBFUZZER-OPTION...]
#
# Builds Fuzz/ (incrementally) into .build-fuzz/, writes the seeds (contracts/*.contract.yaml and
# every rule example) into .build-fuzz/seeds/, then fuzzes for SECONDS with the working corpus
# .build-fuzz/corpus/ (kept between runs, never committed), Fuzz/corpus/seed/ and the seeds.
# Crash, timeout, leak and OOM inputs go to .build-fuzz/artifacts/. Exits non-zero when libFuzzer
# finds one. FUZZ_WORKERS=N (default 1) fuzzes in N processes (`-fork=N`). Extra arguments go to
# libFuzzer as they are (e.g. `-seed=1`). See docs/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 1 ] || ! [[ "$1" =~ ^[0-9]+$ ]]; then
    echo "usage: scripts/fuzz.sh SECONDS [LIBFUZZER-OPTION...]" >&2
    exit 2
fi
seconds=$1
shift
workers=${FUZZ_WORKERS:-1}
scratch=.build-fuzz
binary=$scratch/release/ContractFuzz

# --sanitize=fuzzer links libFuzzer's main; -Xswiftc -sanitize=fuzzer,address gives the Swift code
# its coverage counters (the two --sanitize flags alone leave Swift uninstrumented). The linker's
# "Cannot export local symbol '__asan_…'" lines are noise from gold and are dropped.
echo "== building the fuzz target (swift build --package-path Fuzz, release, fuzzer+address)"
start=$(date +%s)
set +e
swift build --package-path Fuzz --scratch-path "$scratch" -c release \
    --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address \
    >"$scratch.build.log" 2>&1
status=$?
set -e
grep -v "Cannot export local symbol" "$scratch.build.log" | grep -E "error|warning:|Build complete" || true
if [ "$status" -ne 0 ]; then
    grep -v "Cannot export local symbol" "$scratch.build.log" | tail -n 30
    exit "$status"
fi
echo "   built in $(($(date +%s) - start)) s"

mkdir -p "$scratch/corpus" "$scratch/artifacts"
rm -rf "$scratch/seeds"
mkdir -p "$scratch/seeds"
cp contracts/*.contract.yaml "$scratch/seeds/"
# (Writing the seeds and exiting is no fuzzing: leak checks are off for it.)
CONTRACTFUZZ_EXPORT_SEEDS="$scratch/seeds/rules" ASAN_OPTIONS=detect_leaks=0 "$binary" >/dev/null
echo "== seeds: $(find "$scratch/seeds" -type f | wc -l) generated (contracts, rule examples), $(find Fuzz/corpus/seed -type f | wc -l) committed; working corpus: $(find "$scratch/corpus" -type f | wc -l) inputs"

options=(
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048
    -dict=Fuzz/yaml.dict -artifact_prefix="$scratch/artifacts/" -print_final_stats=1
)
if [ "$workers" -gt 1 ]; then options+=(-fork="$workers"); fi

# The working corpus comes first: libFuzzer writes new inputs into the first folder only.
# SWIFT_BACKTRACE=enable=no: on a Swift trap the runtime's backtracer (swift-backtrace) would take
# the signal before libFuzzer does, and it was seen to hang there; off, libFuzzer reports the
# "deadly signal" with the stack and writes the crash input.
echo "== fuzzing for $seconds s ($workers worker(s))"
log=$scratch/fuzz.log
fuzz_start=$(date +%s)
set +e
SWIFT_BACKTRACE=enable=no "$binary" "${options[@]}" "$@" "$scratch/corpus" Fuzz/corpus/seed "$scratch/seeds" "$scratch/seeds/rules" >"$log" 2>&1
status=$?
set -e

grep -E "^INFO: Seed:|^#[0-9]+[[:space:]]+(INITED|DONE)|^INFO: (fuzzed|exiting)" "$log" | tail -n 4 || true
# (Each look-up may find nothing, e.g. after a crash before the first status line.)
executions=$(grep -oE "stat::number_of_executed_units: [0-9]+" "$log" | awk '{s += $2} END {print s + 0}' || true)
if [ "${executions:-0}" -eq 0 ]; then
    # -fork prints no final stats: take the last status line's #N.
    executions=$(grep -oE "^#[0-9]+" "$log" | tail -n 1 | tr -d '#' || true)
fi
elapsed=$(grep -oE "^Done [0-9]+ runs in [0-9]+ second" "$log" | awk '{print $5}' | tail -n 1 || true)
if [ -z "$elapsed" ]; then
    elapsed=$(grep -oE "^INFO: exiting: [0-9]+ time: [0-9]+s" "$log" | grep -oE "[0-9]+s$" | tr -d s | tail -n 1 || true)
fi
echo "executions: ${executions:-0}"
echo "time: ${elapsed:-$(($(date +%s) - fuzz_start))} s"
echo "corpus: $(find "$scratch/corpus" -type f | wc -l) inputs in $scratch/corpus"

if [ "$status" -ne 0 ]; then
    echo "== libFuzzer found a problem (exit $status): the log says" >&2
    grep -E "ERROR|SUMMARY|Fatal error|Test unit written|deadly signal|timeout|out-of-memory|leak" "$log" | head -n 20 >&2 || true
    grep -A 40 -m 1 -E "Swift runtime failure|==ERROR" "$log" | head -n 60 >&2 || true
    echo "full log: $log; inputs in $scratch/artifacts/" >&2
    exit "$status"
fi
