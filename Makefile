# uplyft: the two set-up commands are `make run` and `make test` (README).
SHELL := /bin/bash
SWIFT ?= swift
RELEASE_BIN := .build/release/uplyft
CATALOG := corpus/catalog.jsonl
DATA_DIR ?= data
INDEX := $(DATA_DIR)/catalog.uplyft

.PHONY: run build index test bench bench-full soak fuzz clean catalog

build:
	$(SWIFT) build -c release --product uplyft

# The index is rebuilt whenever the catalog or the binary changes.
$(INDEX): $(CATALOG) $(RELEASE_BIN)
	@mkdir -p $(DATA_DIR)
	$(RELEASE_BIN) index $(CATALOG) -o $(INDEX)

# `index` builds first, then remakes the index only if the catalog or the binary is newer.
index: build
	@$(MAKE) --no-print-directory $(INDEX)

PORT ?= 8080

# Serves the shop on http://127.0.0.1:$(PORT)/ with the database in $(DATA_DIR); the first
# start creates a `demo` account and prints its password once.
run: index
	$(RELEASE_BIN) serve --index $(INDEX) --data-dir $(DATA_DIR) --port $(PORT) --web-root web

# Regenerates the committed default catalog (deterministic: seed 42).
catalog: build
	$(RELEASE_BIN) gen --seed 42 --count 1000 -o $(CATALOG)

test:
	bash scripts/test.sh

bench:
	bash Benchmarks/run.sh --quick

bench-full:
	bash Benchmarks/run.sh --full

# Ten minutes of search and chat load with memory and descriptors sampled (test-output/soak/).
soak: build
	bash scripts/soak.sh --minutes 10

# Every libFuzzer target for ten minutes (make test runs them briefly).
fuzz:
	bash scripts/fuzz.sh --seconds 600

clean:
	rm -rf .build $(DATA_DIR)
