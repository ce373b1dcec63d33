#!/usr/bin/env bash
# Regenerates proto/computepool/v1's Go code and OpenAPI spec with pinned
# tools: protoc from Debian's protobuf-compiler, the plugins built from the
# versions below into bin/tools. Run through `make proto`.
set -euo pipefail
cd "$(dirname "$0")/.."

PROTOC_GEN_GO=google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.12
PROTOC_GEN_GO_GRPC=google.golang.org/grpc/cmd/protoc-gen-go-grpc@v1.6.1
GATEWAY=github.com/grpc-ecosystem/grpc-gateway/v2 # v2.31.0: see DESIGN.md §10
GATEWAY_VERSION=v2.31.0

if ! command -v protoc >/dev/null; then
  echo "installing protoc (Debian protobuf-compiler)"
  SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq protobuf-compiler >/dev/null
fi

tools="$PWD/bin/tools"
mkdir -p "$tools"
# go install with @version builds outside this module, so the tools never
# touch go.mod.
(cd /tmp && GOBIN="$tools" go install "$PROTOC_GEN_GO" && GOBIN="$tools" go install "$PROTOC_GEN_GO_GRPC" &&
  GOBIN="$tools" go install "$GATEWAY/protoc-gen-grpc-gateway@$GATEWAY_VERSION" "$GATEWAY/protoc-gen-openapiv2@$GATEWAY_VERSION")

out=proto/computepool/v1
rm -f "$out"/*.pb.go "$out"/*.pb.gw.go "$out"/*.swagger.json
PATH="$tools:$PATH" protoc -I proto \
  --go_out=proto --go_opt=paths=source_relative \
  --go-grpc_out=proto --go-grpc_opt=paths=source_relative \
  --grpc-gateway_out=proto --grpc-gateway_opt=paths=source_relative \
  --grpc-gateway_opt=grpc_api_configuration=$out/gateway.yaml \
  --openapiv2_out=proto --openapiv2_opt=grpc_api_configuration=$out/gateway.yaml \
  --openapiv2_opt=allow_merge=true,merge_file_name=computepool/v1/computepool \
  "$out"/*.proto
gofmt -w "$out"
