# Dossier: the two commands that matter are `make demo` and `make test` (see README.md).
SWIFT ?= swift
OUT ?= out
DATE ?= 2016-12-08

.PHONY: setup build demo specimen test clean

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

## Builds and runs every test.
test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test

clean:
	rm -rf .build $(OUT)
