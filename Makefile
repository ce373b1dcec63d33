# ComputePool — the two commands a newcomer needs are `make demo` and `make test`.
# Every tool the targets need is installed by the targets themselves (deps).

GO        ?= go
BIN       := bin/computepool
STATE     ?= $(or $(XDG_DATA_HOME),$(HOME)/.local/share)/computepool
MODEL_DIR ?=
# Packages with concurrent code run under the race detector.
RACE_PKGS := ./shard/... ./backend/cpu/... ./api/... ./axl/... ./pipeline/... ./facilitator/...

.PHONY: all build demo test deps assets proto fuzz bench bench-tokenizer fmt vet clean deploy-check

all: build

build:
	$(GO) build -o $(BIN) ./cmd/computepool

# assets: regenerate the tokenizer files genmodel embeds (needs deps).
assets: deps
	$(GO) run ./model/genmodel/assets/generate.go

# proto: regenerate proto/computepool/v1's Go code and OpenAPI spec (committed)
# with pinned protoc plugins; protoc comes from Debian's protobuf-compiler.
proto:
	scripts/genproto.sh

# demo: a whole paid pool on this machine (computepool dev): the dev chain
# with the contracts, the x402 facilitator, two shard processes over AXL and
# the API as their head, on a ~100M-parameter random Llama generated once
# (or MODEL_DIR). Prints "ready: <API URL>" and examples; Ctrl-C stops it.
demo: build
	MODEL_DIR="$(MODEL_DIR)" ./$(BIN) dev

# deps: the references the tests compare against — NumPy (model forward
# pass) and Hugging Face's tokenizers and Jinja from npm (tokenizer, chat
# templates), versions pinned by tokenizer/testdata/js/package-lock.json —
# and headless Chromium, which renders the dashboard in its test.
deps:
	@/usr/bin/python3 -c 'import numpy' 2>/dev/null || python3 -c 'import numpy' 2>/dev/null || { \
	  echo "installing python3-numpy (Debian) for the reference tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq python3-numpy >/dev/null; }
	@command -v chromium >/dev/null || { \
	  echo "installing chromium (Debian) for the dashboard test"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }
	@[ -d tokenizer/testdata/js/node_modules/@anush008 ] || npm ci --prefix tokenizer/testdata/js --no-audit --no-fund --loglevel=error
	@[ -f api/testdata/js/node_modules/@x402/fetch/package.json ] || npm ci --prefix api/testdata/js --no-audit --no-fund --loglevel=error

# The model tests run on the default backend (ours, under -race) and again on
# GoMLX's pure-Go backend, so the graph code stays backend-neutral.
test: deps
	$(GO) test $$($(GO) list ./... | grep -v -E '/shard($$|/)|/backend/cpu($$|/)|/api($$|/)|/axl($$|/)|/pipeline($$|/)|/facilitator($$|/)')
	$(GO) test -race $(RACE_PKGS)
	COMPUTEPOOL_TEST_BACKEND=go:dotgeneral_small,ops_sequential $(GO) test -count=1 ./shard/...

# deploy-check: validate deploy/ with the real tools — docker-compose (apt)
# and helm (go install, pinned) — beside the flag checks `make test` runs.
HELM_VERSION := v4.3.2
deploy-check:
	@command -v docker-compose >/dev/null || docker compose version >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq docker-compose >/dev/null; }
	@command -v helm >/dev/null || [ -x "$$($(GO) env GOPATH)/bin/helm" ] || $(GO) install helm.sh/helm/v4/cmd/helm@$(HELM_VERSION)
	PATH="$$PATH:$$($(GO) env GOPATH)/bin" $(GO) test -count=1 -v ./deploy

fuzz: deps
	$(GO) test -run='^$$' -fuzz=FuzzParseHeader -fuzztime=30s ./safetensors
	$(GO) test -run='^$$' -fuzz=FuzzDecode -fuzztime=30s ./pipeline
	$(GO) test -run='^$$' -fuzz=FuzzSplitter -fuzztime=30s ./tokenizer
	$(GO) test -run='^$$' -fuzz=FuzzRoundTrip -fuzztime=30s ./tokenizer
	$(GO) test -run='^$$' -fuzz=FuzzParse -fuzztime=30s ./tokenizer
	$(GO) test -run='^$$' -fuzz=FuzzDecodePayment -fuzztime=30s ./api/x402
	$(GO) test -run='^$$' -fuzz=FuzzDecodeChatRequest -fuzztime=30s ./api/openai
	$(GO) test -run='^$$' -fuzz=FuzzDecodeRequest -fuzztime=30s ./facilitator

bench-tokenizer: build deps
	scripts/bench_tokenizer.sh

bench: build
	@[ -f "$(STATE)/models/llama-1b/config.json" ] || ./$(BIN) genmodel --arch llama --preset 1b --out "$(STATE)/models/llama-1b"
	./$(BIN) bench decode --model "$(STATE)/models/llama-1b" --json

# contracts: recompile contracts/src with the pinned solc (contracts/package-lock.json)
# and regenerate the committed ABIs, bytecode and abigen v2 bindings.
.PHONY: contracts
CONTRACT_TYPES := ComputeUSD Coalition PaymentStreams PoolINFT
contracts:
	npm ci --prefix contracts --no-audit --no-fund --loglevel=error
	node contracts/build.mjs
	@for c in $(CONTRACT_TYPES); do \
	  f=$$(echo $$c | tr A-Z a-z); \
	  echo "abigen $$c"; \
	  $(GO) tool abigen --v2 --abi contracts/build/$$c.abi --bin contracts/build/$$c.bin \
	    --pkg bindings --type $$c --out contracts/bindings/$$f.go || exit 1; \
	done

fmt:
	gofmt -w $$(git ls-files '*.go')

vet:
	$(GO) vet ./...

clean:
	rm -rf bin
