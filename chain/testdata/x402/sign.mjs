// Signs an x402 v2 `exact` payment for chain/x402_test.go with the real npm
// client (@x402/evm's ExactEvmScheme over a viem local account), for the
// token the Go tests deploy first from dev account 0 (CREATE address, nonce 0)
// on chain 1337. Regenerate: npm ci && node sign.mjs > authorization.json
import { ExactEvmScheme } from "@x402/evm/exact/client";
import { privateKeyToAccount } from "viem/accounts";
import { getContractAddress, keccak256, toBytes } from "viem";

const devKey = (i) => keccak256(toBytes(`computepool dev account ${i}`)); // chain.DevKey
const deployer = privateKeyToAccount(devKey(0));
const payer = privateKeyToAccount(devKey(1));
const payTo = privateKeyToAccount(devKey(2)).address;
const token = getContractAddress({ from: deployer.address, nonce: 0n });

const requirements = {
  scheme: "exact",
  network: "eip155:1337",
  amount: "1234567",
  asset: token,
  payTo,
  maxTimeoutSeconds: 10 * 365 * 24 * 3600, // the fixture must outlive its commit
  extra: { name: "Compute USD", version: "2" },
};
const result = await new ExactEvmScheme(payer).createPaymentPayload(2, requirements);
console.log(JSON.stringify({ requirements, payer: payer.address, result }, null, 2));
