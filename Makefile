# ComputePool — the two commands a newcomer needs are `make demo` and `make test`.
# Every tool the targets need is installed by the targets themselves (deps).

GO        ?= go
BIN       := bin/computepool
STATE     ?= $(or $(XDG_DATA_HOME),$(HOME)/.local/share)/computepool
DEMO_ARCH ?= llama
DEMO_MODEL ?= $(STATE)/models/$(DEMO_ARCH)-small
MODEL_DIR ?=
# Packages with concurrent code run under the race detector.
RACE_PKGS := ./shard/...

.PHONY: all build demo test test-race deps fuzz bench fmt vet clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/computepool

# demo: generate a ~100M-parameter random model once (or use MODEL_DIR) and
# run a generation on it in one process.
demo: build
	@model="$(MODEL_DIR)"; \
	if [ -z "$$model" ]; then \
	  model="$(DEMO_MODEL)"; \
	  [ -f "$$model/config.json" ] || ./$(BIN) genmodel --arch $(DEMO_ARCH) --preset small --out "$$model"; \
	fi; \
	./$(BIN) generate --model "$$model" --prompt-ids 1,2,3,4,5,6,7,8 --max-tokens 24 --temperature 0.8 --top-p 0.95 --seed 1 --json

# deps: the NumPy reference implementation the model tests compare against.
deps:
	@/usr/bin/python3 -c 'import numpy' 2>/dev/null || python3 -c 'import numpy' 2>/dev/null || { \
	  echo "installing python3-numpy (Debian) for the reference tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq python3-numpy >/dev/null; }

test: deps
	$(GO) test $$($(GO) list ./... | grep -v -E '/shard($$|/)')
	$(GO) test -race $(RACE_PKGS)

fuzz:
	$(GO) test -run='^$$' -fuzz=FuzzParseHeader -fuzztime=30s ./safetensors

bench: build
	@[ -f "$(STATE)/models/llama-1b/config.json" ] || ./$(BIN) genmodel --arch llama --preset 1b --out "$(STATE)/models/llama-1b"
	./$(BIN) bench decode --model "$(STATE)/models/llama-1b" --json

fmt:
	gofmt -w $$(git ls-files '*.go')

vet:
	$(GO) vet ./...

clean:
	rm -rf bin
