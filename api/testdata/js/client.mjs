// Drives the API with the official OpenAI client and prints what it got as
// one JSON object, for openai_npm_test.go to check.
// Usage: node client.mjs BASE_URL API_KEY MODEL
import OpenAI from "openai";

const [baseURL, apiKey, model] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey, maxRetries: 0, timeout: 60_000 });
const messages = [{ role: "user", content: "Say hello." }];
const out = {};

// A streamed chat completion with usage in the final chunk.
const stream = await client.chat.completions.create({
  model, messages, stream: true, stream_options: { include_usage: true },
  max_tokens: 10, temperature: 0,
});
out.stream = { text: "", chunks: 0, finish_reason: null, usage: null, roles: [] };
for await (const chunk of stream) {
  out.stream.chunks++;
  if (chunk.usage) out.stream.usage = chunk.usage;
  for (const c of chunk.choices) {
    if (c.delta?.role) out.stream.roles.push(c.delta.role);
    if (c.delta?.content) out.stream.text += c.delta.content;
    if (c.finish_reason) out.stream.finish_reason = c.finish_reason;
  }
}

// The same request, not streamed.
const chat = await client.chat.completions.create({ model, messages, max_tokens: 10, temperature: 0 });
out.chat = { text: chat.choices[0].message.content, finish_reason: chat.choices[0].finish_reason, usage: chat.usage, object: chat.object };

// A plain completion.
const cmpl = await client.completions.create({ model, prompt: "Once upon a time", max_tokens: 5, temperature: 0.7, top_p: 0.9, seed: 3 });
out.completion = { text: cmpl.choices[0].text, finish_reason: cmpl.choices[0].finish_reason, usage: cmpl.usage };

// A streamed completion with usage.
const cstream = await client.completions.create({ model, prompt: "Once upon a time", max_tokens: 5, temperature: 0, stream: true, stream_options: { include_usage: true } });
out.completionStream = { text: "", usage: null };
for await (const chunk of cstream) {
  if (chunk.usage) out.completionStream.usage = chunk.usage;
  for (const c of chunk.choices) out.completionStream.text += c.text ?? "";
}

// The model list, and one model.
const models = [];
for await (const m of client.models.list()) models.push(m.id);
out.models = models;
out.model = (await client.models.retrieve(model)).id;

// A bad request surfaces as the client's BadRequestError with our message.
try {
  await client.chat.completions.create({ model, messages, temperature: 5 });
  out.bad = null;
} catch (e) {
  out.bad = { status: e.status, message: e.error?.message ?? e.message, param: e.error?.param ?? null };
}

console.log(JSON.stringify(out));
