#!/usr/bin/env bash
# GPU smoke test of the XLA CUDA path, for a machine with an NVIDIA GPU and a
# CUDA PJRT plugin (here: the one inside the jax-cuda13-pjrt wheel).
#
#   go build -tags xla -o .gpu/computepool-xla ./cmd/computepool
#   OUT=/tmp/out bash scripts/gpu_smoke.sh .gpu/computepool-xla
#
# It compares greedy logits of a tiny model on the `cpu` backend and on
# CUDA, then benchmarks decode of the 1b preset on CUDA.
set -uo pipefail
B=${1:-.gpu/computepool-xla}
OUT=${OUT:-/tmp/gpu-smoke}
mkdir -p "$OUT"
export GOMLX_NO_AUTO_INSTALL=1
PLUGIN=${PJRT_CUDA_PLUGIN:-$(python3 -c 'import jax_plugins.xla_cuda13 as p, os; print(os.path.join(os.path.dirname(p.__file__), "xla_cuda_plugin.so"))' 2>/dev/null)}
echo "plugin: $PLUGIN"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader

$B genmodel --arch qwen3 --preset tiny --dtype f32 --out /tmp/tiny 2>/dev/null
for be in cpu "xla:$PLUGIN"; do
  tag=${be%%:*}
  $B generate --model /tmp/tiny --prompt-ids 5,17,99,3,42,7 --max-tokens 12 --backend "$be" \
     --json --logits-out "$OUT/tiny-$tag.npy" 2>"$OUT/tiny-$tag.log" | tee "$OUT/tiny-$tag.json" || tail -20 "$OUT/tiny-$tag.log"
done
python3 - "$OUT" <<'PY'
import sys, numpy as np
d = sys.argv[1]
try:
    a, b = np.load(d + "/tiny-cpu.npy"), np.load(d + "/tiny-xla.npy")
    print("logits cpu vs cuda: shape", a.shape, "max abs diff", float(np.abs(a - b).max()), "max |logit|", float(np.abs(a).max()))
except Exception as e:
    print("no comparison:", e)
PY

$B genmodel --arch llama --preset 1b --out /tmp/l1b 2>"$OUT/gen1b.log" || tail -5 "$OUT/gen1b.log"
timeout 300 $B bench decode --model /tmp/l1b --backend "xla:$PLUGIN" --decode-tokens 64 --bandwidth-mb 256 --json \
  2>"$OUT/bench-cuda.log" | tee "$OUT/bench-cuda.json" || tail -30 "$OUT/bench-cuda.log"
