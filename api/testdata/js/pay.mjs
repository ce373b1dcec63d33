// Pays for one streamed chat completion with the x402 v2 npm client
// (@x402/fetch + @x402/evm over a viem local account) and prints what it
// got as one JSON object, for paid_test.go to check.
// Usage: node pay.mjs URL PRIVATE_KEY ASSET NETWORK
import { x402Client, wrapFetchWithPayment, decodePaymentResponseHeader } from "@x402/fetch";
import { registerExactEvmScheme } from "@x402/evm/exact/client";
import { privateKeyToAccount } from "viem/accounts";

const [url, privateKey, asset, network] = process.argv.slice(2);
const account = privateKeyToAccount(privateKey);
const client = new x402Client();
registerExactEvmScheme(client, { signer: account });
// Our token is not one the client knows: allow it explicitly.
client.setSpendControls({ allowedAssets: [{ network, asset }] });
const paidFetch = wrapFetchWithPayment(fetch, client);

const resp = await paidFetch(url, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({
    messages: [{ role: "user", content: "Say hello." }],
    max_tokens: 5, stream: true, stream_options: { include_usage: true },
  }),
});
const text = await resp.text();
const header = resp.headers.get("PAYMENT-RESPONSE");
console.log(JSON.stringify({
  status: resp.status,
  payer: account.address,
  body: text,
  settlement: header ? decodePaymentResponseHeader(header) : null,
}));
