// llama.cpp's greedy continuation of a prompt of token ids, to check that a
// GGUF export runs the same model as ComputePool (`computepool generate
// --prompt-ids … --json` prints its own).
//
//   node greedy.mjs MODEL.gguf IDS(comma-separated) [tokens=8]
//
// Prints one JSON line: {"tokens": [...]}.
import { getLlama } from "node-llama-cpp";

const [modelPath, ids, count = "8"] = process.argv.slice(2);
const llama = await getLlama({ gpu: false, build: "never" });
const model = await llama.loadModel({ modelPath, useMmap: false, gpuLayers: 0 });
const context = await model.createContext({ contextSize: 512, threads: 2 });
const seq = context.getSequence();
const tokens = [];
for await (const t of seq.evaluate(ids.split(",").map(Number), { temperature: 0 })) {
  tokens.push(t);
  if (tokens.length >= Number(count)) break;
}
console.log(JSON.stringify({ tokens }));
await context.dispose();
await model.dispose();
