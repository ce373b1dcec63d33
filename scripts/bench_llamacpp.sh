#!/usr/bin/env bash
# ComputePool's cpu backend and llama.cpp (npm's node-llama-cpp prebuilt CPU
# build) on the same weights, interleaved rounds in one window.
#
#   scripts/bench_llamacpp.sh MODEL_DIR [rounds=3] [threads=2] [prompt_tokens=32]
#
# Each round runs ComputePool once per product arithmetic in $DOTS (default
# "f32", plus "bf16" — the cpu backend's dot=bf16, llama.cpp's own arithmetic
# for bf16 weights — where the CPU has AVX512_BF16), then llama.cpp.
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
if [ -z "${DOTS:-}" ]; then
  DOTS=f32
  grep -qw avx512_bf16 /proc/cpuinfo 2>/dev/null && DOTS="f32 bf16"
fi
for r in $(seq "$rounds"); do
  for dot in $DOTS; do
    echo "{\"round\":$r,\"dot\":\"$dot\",\"computepool\":$(bin/computepool bench decode --model "$model" --backend "cpu:threads=$threads,dot=$dot" \
      --prompt-tokens "$prompt" --decode-tokens 32 --capacity $((prompt + 64 > 512 ? prompt + 64 : 512)) --json 2>/dev/null)}"
  done
  echo "{\"round\":$r,\"llamacpp\":$(cd scripts/llamacpp && node bench.mjs "$gguf" "$threads" "$prompt" 32)}"
done
