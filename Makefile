# paperflow: build, test, run the default pipeline, publish and check releases.
SWIFT ?= swift
CONFIG ?= release
JOBS ?=
BIN = .build/$(CONFIG)/paperflow
RELEASE_DIR = out/paper-records
SNAPSHOT_RUN = .build/snapshot-release
LOADER_VENV = .build/loader-venv
PARTS ?= pandas,duckdb,polars,datasets,schema,croissant

.PHONY: build test run release validate snapshot check-snapshot loader-check shard-check slurm-release bench clean

build:
	$(SWIFT) build -c $(CONFIG)

test:
	$(SWIFT) test

# The default pipeline on data/raw; the release lands in out/paper-records/<version>/.
run: build
	$(BIN) run pipeline.json $(if $(JOBS),--jobs $(JOBS))

# The nightly build: the release version carries the day of SOURCE_DATE_EPOCH (default: now).
release: build
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(date +%s)} $(BIN) run pipeline.json $(if $(JOBS),--jobs $(JOBS))

validate: build
	$(BIN) validate pipeline.json

# Regenerate snapshots/ (record ids and digests, shard digests) from a fresh run on data/raw.
snapshot: build
	rm -rf $(SNAPSHOT_RUN)
	$(BIN) run pipeline.json --release-dir $(SNAPSHOT_RUN)
	$(BIN) snapshot $(SNAPSHOT_RUN)/latest --write snapshots

# Fail, listing the ids added, removed or changed, when a fresh run differs from snapshots/.
check-snapshot: build
	rm -rf $(SNAPSHOT_RUN)
	$(BIN) run pipeline.json --release-dir $(SNAPSHOT_RUN)
	$(BIN) snapshot $(SNAPSHOT_RUN)/latest --check snapshots

# Load the latest release with the dataset card's own snippets (pandas, DuckDB, polars, datasets),
# validate every record against schema.json and run mlcroissant validate. PARTS picks a subset.
loader-check: run
	test -x $(LOADER_VENV)/bin/python || python3 -m venv $(LOADER_VENV)
	$(LOADER_VENV)/bin/pip install --quiet --disable-pip-version-check -r scripts/loader-requirements-$(if $(findstring datasets,$(PARTS)),full,ci).txt
	$(LOADER_VENV)/bin/python scripts/loader_check.py $(RELEASE_DIR)/latest --parts $(PARTS)

# N `run --shard` processes at once plus `merge`, compared byte for byte with the one-machine release (PIPELINE=…).
PIPELINE ?= pipeline.json
shard-check: build
	scripts/shard-check.sh -n $(N) --pipeline $(PIPELINE) --bin $(BIN)

# The release on Slurm: N shard tasks (a job array), then a merge job; logs in out/slurm-logs/<time>/.
# JOBS sets the threads (and CPUs) of each job.
# RELEASE_DIR=DIR on the command line replaces the spec's release.dir.
N ?= 4
slurm-release: build
	scripts/slurm-release.sh -n $(N) --bin $(BIN) $(if $(JOBS),--jobs $(JOBS)) $(if $(filter command line,$(origin RELEASE_DIR)),--release-dir $(RELEASE_DIR))

clean:
	rm -rf .build out

# Speed and memory on a generated corpus (SIZE_MB, default 100) beside floors and the Python peers.
SIZE_MB ?= 100
bench: build
	command -v xmllint >/dev/null || echo "note: install libxml2-utils for the libxml2 parse floor"
	python3 scripts/bench.py --size-mb $(SIZE_MB)
