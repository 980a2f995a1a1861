#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer) of the data loader, the CSV importer and the layout compiler.
# Usage: scripts/fuzz.sh SECONDS   (each target runs that long; exits 1 when any target crashed)
# The fuzzers are the package in Fuzz/, built apart from the main package in .build-fuzz/. Their seeds are
# copied from the repository at run time; the corpora grow in .build-fuzz/corpus/ and crashing inputs
# are kept in .build-fuzz/crashes/<target>/ (turn them into test fixtures).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
work=.build-fuzz
# -sanitize=fuzzer instruments the code for coverage and links libFuzzer; gold cannot link the result
# (it fails with an internal error), so the toolset selects lld.
swift build -c release --package-path Fuzz --build-path "$work/build" -Xswiftc -sanitize=fuzzer --toolset Fuzz/lld-toolset.json
bin=$(swift build -c release --package-path Fuzz --build-path "$work/build" --show-bin-path)

seed() {  # TARGET FILE…: copies the seeds into the target's corpus
  local target=$1; shift
  mkdir -p "$work/corpus/$target" "$work/crashes/$target"
  local file
  for file in "$@"; do  # named after their path: several examples are all called convention.yaml
    cp "$file" "$work/corpus/$target/seed-$(printf '%s' "$file" | tr '/' '_')"
  done
}
seed data Examples/*/*.yaml Tests/DossierModelTests/Fixtures/*.yaml Tests/DossierModelTests/Fixtures/*.json
seed csv Tests/DossierModelTests/Fixtures/*.csv
seed layout Layouts/*.xml

status=0
run() {  # TARGET BINARY [libFuzzer options…]
  local target=$1 binary=$2; shift 2
  local log="$work/$target.log"
  # Swift's backtracer would take the crash signals from libFuzzer, which then could not save the input.
  if SWIFT_BACKTRACE=enable=no DOSSIER_HOME="$PWD" "$bin/$binary" "$work/corpus/$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 \
       -artifact_prefix="$work/crashes/$target/" -print_final_stats=1 "$@" > "$log" 2>&1; then
    echo "fuzz $target: $(grep -o 'number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*') executions in ${seconds} s, no crash"
  else
    status=1
    tail -60 "$log"
    echo "fuzz $target: CRASH; the input is in $work/crashes/$target/: $(ls "$work/crashes/$target" | tr '\n' ' ')"
  fi
}
run data FuzzData
run csv FuzzCSV
run layout FuzzLayout -dict=Fuzz/layout.dict
exit $status
