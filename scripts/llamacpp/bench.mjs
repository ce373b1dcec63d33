// llama.cpp's speed on a GGUF file, as npm's node-llama-cpp runs it (its
// prebuilt CPU build): prefill of a prompt, then greedy decode.
//
//   node bench.mjs MODEL.gguf [threads=2] [promptTokens=32] [decodeTokens=64]
//
// Prints one JSON line. Weights are loaded into memory (no mmap): with mmapped
// weights this VM stalls while faulting them in (DESIGN.md §7).
import { getLlama } from "node-llama-cpp";

const [modelPath, threads = "2", promptTokens = "32", decodeTokens = "64"] = process.argv.slice(2);
const llama = await getLlama({ gpu: false, build: "never" });
const t0 = performance.now();
const model = await llama.loadModel({ modelPath, useMmap: false, gpuLayers: 0 });
const loadSeconds = (performance.now() - t0) / 1000;
// 512 tokens as llama.cpp's bench, more when the run needs it (ours: --capacity alike).
const contextSize = Math.max(512, Number(promptTokens) + 64);
const context = await model.createContext({ contextSize, threads: Number(threads), batchSize: 512 });
const prompt = Array.from({ length: Number(promptTokens) }, (_, i) => (i * 7919 + 13) % 100000);

async function run() {
  const seq = context.getSequence();
  const start = performance.now();
  let first = 0, n = 0;
  for await (const _ of seq.evaluate(prompt, { temperature: 0 })) {
    if (n === 0) first = performance.now();
    if (++n > Number(decodeTokens)) break;
  }
  const end = performance.now();
  seq.dispose();
  return { prefill: Number(promptTokens) / ((first - start) / 1000), decode: (n - 1) / ((end - first) / 1000) };
}
await run(); // warm-up
const r = await run();
console.log(JSON.stringify({
  engine: "llama.cpp (node-llama-cpp 3.22.1)", threads: Number(threads), load_seconds: loadSeconds,
  prompt_tokens: Number(promptTokens), decode_tokens: Number(decodeTokens),
  prefill_tokens_per_s: r.prefill, decode_tokens_per_s: r.decode,
}));
await context.dispose();
await model.dispose();
