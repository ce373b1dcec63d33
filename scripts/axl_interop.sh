#!/usr/bin/env bash
# Interop with a stock AXL node, both ways (not in CI: gensyn-ai/axl is not
# on the Go module proxy).
#
#   git clone https://github.com/gensyn-ai/axl /tmp/axl   # any checkout
#   scripts/axl_interop.sh /tmp/axl
#
# Builds the stock cmd/node (its pinned gvisor is refused by the proxy, so
# the version our go.mod uses is required instead) and runs
# TestStockNodeInterop against it. Passed against gensyn-ai/axl 9cba555.
set -euo pipefail
src=${1:?usage: scripts/axl_interop.sh AXL_SOURCE_DIR}
here=$(cd "$(dirname "$0")/.." && pwd)
gvisor=$(cd "$here" && go list -m -f '{{.Version}}' gvisor.dev/gvisor)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$src"/. "$work"/
(cd "$work" && go mod edit -require="gvisor.dev/gvisor@$gvisor" && go mod tidy && go build -o "$work/axl-node" ./cmd/node)
cd "$here"
AXL_STOCK_NODE="$work/axl-node" go test -count=1 -run TestStockNodeInterop -v ./axl
