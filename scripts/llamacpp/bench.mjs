// llama.cpp's speed on a GGUF file, as npm's node-llama-cpp runs it (its
// prebuilt CPU build): prefill of a prompt, then greedy decode.
//
//   node bench.mjs MODEL.gguf [threads=2] [promptTokens=32] [decodeTokens=64] [sequences=1]
//
// With sequences > 1, that many sequences decode at once (llama.cpp batches
// them into one step) and the decode rate is their sum, as `computepool
// bench decode --batch N` reports it.
// Prints one JSON line. Weights are loaded into memory (no mmap): with mmapped
// weights this VM stalls while faulting them in (DESIGN.md §7).
import { getLlama } from "node-llama-cpp";

const [modelPath, threads = "2", promptTokens = "32", decodeTokens = "64", sequences = "1"] = process.argv.slice(2);
const llama = await getLlama({ gpu: false, build: "never" });
const t0 = performance.now();
const model = await llama.loadModel({ modelPath, useMmap: false, gpuLayers: 0 });
const loadSeconds = (performance.now() - t0) / 1000;
// 512 tokens as llama.cpp's bench, more when the run needs it (ours: --capacity alike).
const contextSize = Math.max(512, Number(promptTokens) + 64);
const context = await model.createContext({ contextSize, threads: Number(threads), batchSize: 512, sequences: Number(sequences) });
const prompt = Array.from({ length: Number(promptTokens) }, (_, i) => (i * 7919 + 13) % 100000);

async function one(seq) {
  const start = performance.now();
  let first = 0, n = 0;
  for await (const _ of seq.evaluate(prompt, { temperature: 0 })) {
    if (n === 0) first = performance.now();
    if (++n > Number(decodeTokens)) break;
  }
  return { start, first, end: performance.now(), decoded: n - 1 };
}

const seqs = Array.from({ length: Number(sequences) }, () => context.getSequence());

async function run() {
  await Promise.all(seqs.map((s) => s.clearHistory()));
  const runs = await Promise.all(seqs.map(one));
  // Sequences step together: decode runs from the last first token to the last end.
  const first = Math.max(...runs.map((r) => r.first));
  const end = Math.max(...runs.map((r) => r.end));
  const decoded = runs.reduce((sum, r) => sum + r.decoded, 0);
  return { prefill: Number(promptTokens) / ((runs[0].first - runs[0].start) / 1000), decode: decoded / ((end - first) / 1000) };
}
await run(); // warm-up
const r = await run();
console.log(JSON.stringify({
  engine: "llama.cpp (node-llama-cpp 3.22.1)", threads: Number(threads), load_seconds: loadSeconds,
  prompt_tokens: Number(promptTokens), decode_tokens: Number(decodeTokens), sequences: Number(sequences),
  prefill_tokens_per_s: r.prefill, decode_tokens_per_s: r.decode,
}));
await context.dispose();
await model.dispose();
