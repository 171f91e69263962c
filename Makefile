# paperflow: build, test and run the default pipeline.
SWIFT ?= swift
CONFIG ?= release
JOBS ?=
BIN = .build/$(CONFIG)/paperflow

.PHONY: build test run release validate clean

build:
	$(SWIFT) build -c $(CONFIG)

test:
	$(SWIFT) test

# The default pipeline on data/raw; the release lands in out/paper-records/<version>/.
run: build
	$(BIN) run pipeline.json $(if $(JOBS),--jobs $(JOBS))

validate: build
	$(BIN) validate pipeline.json

clean:
	rm -rf .build out
