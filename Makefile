# Dossier: the two commands that matter are `make demo` and `make test` (see README.md).
SWIFT ?= swift
OUT ?= out
DATE ?= 2016-12-08

FUZZ_SECONDS ?= 600

.PHONY: setup build demo specimen web test bench bench-serve fuzz fuzz-ci clean

setup:
	@scripts/setup.sh

build: setup
	$(SWIFT) build

## Renders the sample convention's dossiers (and the typesetting specimen) into $(OUT)/.
demo: build
	.build/debug/dossier render --out $(OUT) --date $(DATE)
	.build/debug/dossier specimen --out $(OUT) --date $(DATE)

specimen: build
	.build/debug/dossier specimen --out $(OUT) --date $(DATE)

## The web page for people (README "Using the web page"): installs, builds, serves on http://127.0.0.1:$(PORT)/.
PORT ?= 8080
web: build
	.build/debug/dossier serve --port $(PORT)

## Builds and runs every test.
test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test

## Renders synthetic conventions of 8, 100 and 1000 projects (release build) and prints the figures; then, when
## ../shared/bench is there, Typst and Dossier on the same data in the same run, as ratios (BENCH_ARGS=--no-anchors
## skips it).
BENCH_ARGS ?=
bench: setup
	$(SWIFT) build -c release
	@command -v python3 >/dev/null || { apt-get update -qq && apt-get install -y -qq python3; }
	python3 Benchmarks/bench.py --binary .build/release/dossier $(BENCH_ARGS)

## Load on dossier serve (release build): throughput and p50/p99 at concurrency 1, 4, 16, 10x overload, memory
## after 100 and 2000 requests (see Benchmarks/README.md). A benchmark, not a test.
bench-serve: setup
	$(SWIFT) build -c release
	python3 Benchmarks/bench_serve.py --binary .build/release/dossier

## Fuzzes the data loader, the CSV importer and the layout compiler with libFuzzer, FUZZ_SECONDS each
## (crashing inputs go to .build-fuzz/crashes/; see README "Fuzzing").
fuzz: setup
	scripts/fuzz.sh $(FUZZ_SECONDS)

## The same, one minute per target: CI runs it after the tests and fails on any crash.
fuzz-ci: setup
	scripts/fuzz.sh 60

clean:
	rm -rf .build .build-fuzz $(OUT)
