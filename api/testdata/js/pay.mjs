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
// Remember the payment header the client sent, so a test can replay it.
let paymentHeader = null;
const recordingFetch = (request) => {
  paymentHeader = request.headers.get("PAYMENT-SIGNATURE") ?? paymentHeader;
  return fetch(request);
};
const paidFetch = wrapFetchWithPayment(recordingFetch, client);

let resp;
try {
  resp = await paidFetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      messages: [{ role: "user", content: "Say hello." }],
      max_tokens: 5, stream: true, stream_options: { include_usage: true },
    }),
  });
} catch (err) {
  // The client throws when a payment it sent is refused (e.g. settlement failed).
  console.log(JSON.stringify({ status: 0, payer: account.address, error: String(err), paymentHeader }));
  process.exit(0);
}
const text = await resp.text();
const header = resp.headers.get("PAYMENT-RESPONSE");
console.log(JSON.stringify({
  status: resp.status,
  payer: account.address,
  body: text,
  settlement: header ? decodePaymentResponseHeader(header) : null,
  paymentHeader,
}));
