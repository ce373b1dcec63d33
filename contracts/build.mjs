// Compiles src/*.sol with the pinned solc (package-lock.json) and writes one
// build/<Contract>.json per contract: {contractName, abi, bytecode}.
// Run: npm ci && node build.mjs   (or `make contracts` from the repo root).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const solc = require("solc");
const here = path.dirname(fileURLToPath(import.meta.url));
const srcDir = path.join(here, "src");
const outDir = path.join(here, "build");

// What is deployed: the library contracts OpenZeppelin brings are not written.
const CONTRACTS = ["ComputeUSD", "Coalition", "PaymentStreams", "PoolINFT"];

const sources = {};
for (const f of fs.readdirSync(srcDir).filter((f) => f.endsWith(".sol")).sort()) {
  sources[`src/${f}`] = { content: fs.readFileSync(path.join(srcDir, f), "utf8") };
}

const input = {
  language: "Solidity",
  sources,
  settings: {
    evmVersion: "cancun",
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
  },
};

function findImports(p) {
  for (const base of [path.join(here, "node_modules"), here]) {
    const full = path.join(base, p);
    if (fs.existsSync(full)) return { contents: fs.readFileSync(full, "utf8") };
  }
  return { error: `import not found: ${p} (run npm ci in contracts/)` };
}

const out = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
let failed = false;
for (const e of out.errors ?? []) {
  console.error(e.formattedMessage ?? e.message);
  if (e.severity === "error") failed = true;
}
if (failed) process.exit(1);

fs.mkdirSync(outDir, { recursive: true });
for (const [file, contracts] of Object.entries(out.contracts)) {
  for (const [name, c] of Object.entries(contracts)) {
    if (!CONTRACTS.includes(name) || !file.startsWith("src/")) continue;
    const artifact = {
      contractName: name,
      compiler: `solc ${solc.version()}`,
      evmVersion: input.settings.evmVersion,
      abi: c.abi,
      bytecode: "0x" + c.evm.bytecode.object,
    };
    fs.writeFileSync(path.join(outDir, `${name}.json`), JSON.stringify(artifact, null, 1) + "\n");
    // abigen reads a bare ABI and a bare hex bytecode file.
    fs.writeFileSync(path.join(outDir, `${name}.abi`), JSON.stringify(c.abi) + "\n");
    fs.writeFileSync(path.join(outDir, `${name}.bin`), c.evm.bytecode.object + "\n");
    console.log(`${name}: ${c.evm.bytecode.object.length / 2} bytes`);
  }
}
