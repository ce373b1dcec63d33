#!/usr/bin/env bash
# ComputePool's cpu backend and llama.cpp (npm's node-llama-cpp prebuilt CPU
# build) on the same weights, interleaved rounds in one window.
#
#   scripts/bench_llamacpp.sh MODEL_DIR [rounds=3] [threads=2] [prompt_tokens=32]
#
# Exports MODEL_DIR as GGUF once (bf16 stays bf16), installs node-llama-cpp
# into scripts/llamacpp on first use, and prints one JSON line per engine and
# round. Both engines get a 512-token context (KV capacity). Needs `make build`.
set -euo pipefail
cd "$(dirname "$0")/.."
model=${1:?model directory}
rounds=${2:-3}
threads=${3:-2}
prompt=${4:-32}
gguf="$model/model.gguf"
[ -f "$gguf" ] || bin/computepool gguf --model "$model" --out "$gguf"
[ -d scripts/llamacpp/node_modules/node-llama-cpp ] ||
  npm install --prefix scripts/llamacpp --omit=optional --ignore-scripts --no-audit --no-fund --loglevel=error
for r in $(seq "$rounds"); do
  echo "{\"round\":$r,\"computepool\":$(bin/computepool bench decode --model "$model" --backend "cpu:threads=$threads" \
    --prompt-tokens "$prompt" --decode-tokens 32 --capacity $((prompt + 64 > 512 ? prompt + 64 : 512)) --json 2>/dev/null)}"
  echo "{\"round\":$r,\"llamacpp\":$(cd scripts/llamacpp && node bench.mjs "$gguf" "$threads" "$prompt" 32)}"
done
