# uplyft: the two set-up commands are `make run` and `make test` (README).
SHELL := /bin/bash
SWIFT ?= swift
RELEASE_BIN := .build/release/uplyft

# Settings of `make run` and `make index`. Each comes from, highest first: a make variable on
# the command line (`make run PORT=8081`), the UPLYFT_* variable `uplyft serve` itself reads
# (`UPLYFT_PORT=8081 make run`), then the default here. A variable of the make name in the
# environment (`PORT=8081 make run`) is ignored: HOST or PORT set for other programs must not
# move the shop. README "Set-up" documents the same.
PORT := $(or $(UPLYFT_PORT),8080)
HOST := $(or $(UPLYFT_HOST),127.0.0.1)
DATA_DIR := $(or $(UPLYFT_DATA_DIR),data)
WEB_ROOT := $(or $(UPLYFT_WEB_ROOT),web)
CATALOG := corpus/catalog.jsonl
INDEX := $(or $(UPLYFT_INDEX),$(DATA_DIR)/catalog.uplyft)

# An index named by the user (INDEX=... or UPLYFT_INDEX) without a CATALOG is served as it is:
# an index built by hand is never overwritten with corpus/. Otherwise CATALOG is indexed into
# INDEX when, and only when, its content differs from what INDEX holds (`--if-changed`
# compares SHA-256 checksums, not file times).
ifneq ($(filter command line,$(origin INDEX))$(UPLYFT_INDEX),)
ifneq ($(origin CATALOG),command line)
SERVE_AS_IS := yes
endif
endif

# The synonyms file served with the index: SYNONYMS=... (`make run SYNONYMS=` for none), else
# UPLYFT_SYNONYMS, else the default shop's corpus/synonyms.txt when the default catalog is
# served (another catalog's products have their own names).
ifneq ($(origin SYNONYMS),command line)
ifneq ($(UPLYFT_SYNONYMS),)
SYNONYMS := $(UPLYFT_SYNONYMS)
else ifeq ($(SERVE_AS_IS)$(filter command line,$(origin CATALOG)),)
SYNONYMS := corpus/synonyms.txt
else
SYNONYMS :=
endif
endif


.PHONY: cluster
# Three nodes on PostgreSQL behind HAProxy on loopback (scripts/cluster.sh; `down` to stop).
cluster: build
	bash scripts/cluster.sh up

.PHONY: run build index test bench bench-full bench-relevance bench-chat soak fuzz clean catalog

# The import check refuses a target that imports a module it does not declare (ARCHITECTURE.md).
build:
	$(SWIFT) build -c release --product uplyft --explicit-target-dependency-import-check error

ifeq ($(SERVE_AS_IS),yes)
index: build
	@echo "$(INDEX) was named without a CATALOG: used as it is, not indexed (give CATALOG=... to index one into it)"
else
index: build
	$(RELEASE_BIN) index $(CATALOG) -o $(INDEX) --if-changed
endif

# Serves the shop on http://$(HOST):$(PORT)/ with the database in $(DATA_DIR); the first
# start creates a `demo` account and prints its password once. scripts/run.sh says why the
# server stopped if it was not Ctrl-C.
run: index
	UPLYFT=$(RELEASE_BIN) bash scripts/run.sh --index $(INDEX) --data-dir $(DATA_DIR) --host $(HOST) --port $(PORT) --web-root $(WEB_ROOT)$(if $(SYNONYMS), --synonyms $(SYNONYMS))

# Regenerates the committed default catalog (deterministic: seed 42).
catalog: build
	$(RELEASE_BIN) gen --seed 42 --count 1000 -o $(CATALOG)

# The relevance harness's smoke run (about 10 s, seeded, no timing) comes after the suite, whose
# benchmark smoke run has built the release binary it uses.
test:
	bash scripts/test.sh
	@echo "== relevance benchmark smoke run"
	bash Benchmarks/relevance/run.sh --smoke

bench:
	bash Benchmarks/run.sh --quick

bench-full:
	bash Benchmarks/run.sh --full

# Per-message chat time in process, default catalog and 100,000 products (Benchmarks/results/chat-speed.md).
bench-chat:
	bash Benchmarks/chat_speed.sh

# nDCG@10 of uplyft and its peers on judged shopper queries (Benchmarks/results/relevance.md).
bench-relevance:
	bash Benchmarks/relevance/run.sh

# Ten minutes of search and chat load with memory and descriptors sampled (test-output/soak/).
soak: build
	bash scripts/soak.sh --minutes 10

# Every libFuzzer target for ten minutes (make test runs them briefly).
fuzz:
	bash scripts/fuzz.sh --seconds 600

# Everything the build, the tests and the benchmarks make in this checkout, and the default
# data directory data/ (its index, database and signing secret). A DATA_DIR elsewhere is never
# removed: it may hold a shop's real accounts.
clean:
	rm -rf .build .build-fuzz Benchmarks/.venv Benchmarks/work test-output .schemathesis data
	find Tests Benchmarks Fuzz -name __pycache__ -type d -prune -exec rm -rf {} +
