// Reference runs for the Go tokenizer tests and benchmarks.
//
//   node reference.mjs encode TOKENIZER.json CORPUS.txt   → one JSON line per corpus line: {"ids": [...], "text": "..."}
//   node reference.mjs bench  TOKENIZER.json CORPUS.txt   → {"js_mb_per_s": ..., "rust_mb_per_s": ..., "bytes": ...}
//   node reference.mjs chat   TEMPLATE.jinja CASES.json   → one JSON string per case: the rendered prompt
//
// Encoding uses Hugging Face's Rust tokenizers (npm @anush008/tokenizers);
// the JS port (@huggingface/tokenizers) is timed beside it. Corpus lines are
// read as bytes and decoded as UTF-8 the WHATWG way (invalid bytes → U+FFFD);
// U+2424 stands for "\n" and U+240D for "\r" inside a line.
import { readFileSync } from "node:fs";
import { Tokenizer as RustTokenizer } from "@anush008/tokenizers";
import { Tokenizer as JSTokenizer } from "@huggingface/tokenizers";
import { Template } from "@huggingface/jinja";

function corpusLines(path) {
  const buf = readFileSync(path);
  const dec = new TextDecoder("utf-8");
  const lines = [];
  let start = 0;
  for (let i = 0; i <= buf.length; i++) {
    if (i === buf.length || buf[i] === 0x0a) {
      if (i > start || i < buf.length) lines.push(dec.decode(buf.subarray(start, i)).replaceAll("\u2424", "\n").replaceAll("\u240d", "\r"));
      start = i + 1;
    }
  }
  if (lines.length && buf[buf.length - 1] === 0x0a && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

const [cmd, a, b] = process.argv.slice(2);
const out = (s) => process.stdout.write(s + "\n");

if (cmd === "encode") {
  const tok = RustTokenizer.fromFile(a);
  for (const line of corpusLines(b)) {
    const enc = await tok.encode(line, null, { addSpecialTokens: false });
    const ids = enc.getIds();
    out(JSON.stringify({ ids, text: await tok.decode(ids, false) }));
  }
} else if (cmd === "bench") {
  const lines = corpusLines(b);
  const bytes = lines.reduce((n, l) => n + Buffer.byteLength(l), 0);
  const js = new JSTokenizer(JSON.parse(readFileSync(a, "utf8")), {});
  const rust = RustTokenizer.fromFile(a);
  const time = async (f) => {
    await f(); // warm-up
    let best = Infinity;
    for (let r = 0; r < 3; r++) {
      const t0 = process.hrtime.bigint();
      await f();
      best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
    }
    return best;
  };
  const jsS = await time(async () => { for (const l of lines) js.encode(l, { add_special_tokens: false }); });
  const rustS = await time(async () => { await rust.encodeBatch(lines, { addSpecialTokens: false }); });
  out(JSON.stringify({ bytes, lines: lines.length, js_mb_per_s: bytes / jsS / 1e6, rust_batch_mb_per_s: bytes / rustS / 1e6 }));
} else if (cmd === "chat") {
  // The engine's built-in strftime_now reads the clock: fix it at
  // 2026-11-25 10:00 UTC so renders are reproducible (the Go test does the same).
  const RealDate = Date, fixed = RealDate.UTC(2026, 10, 25, 10);
  globalThis.Date = class extends RealDate {
    constructor(...args) { if (args.length) super(...args); else super(fixed); }
    static now() { return fixed; }
  };
  const template = new Template(readFileSync(a, "utf8"));
  for (const c of JSON.parse(readFileSync(b, "utf8"))) {
    out(JSON.stringify(template.render(c)));
  }
} else {
  console.error("usage: node reference.mjs encode|bench|chat ...");
  process.exit(2);
}
