// Checks the protocol's validation at the socket edge: valid messages parse (with defaults
// filled), and each kind of bad input is refused with a code and the path of the bad field or
// the name of the limit.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { clientMessageJsonSchema, serverMessageJsonSchema } from "./json-schema.ts";
import { clientMessageTypes, parseClientMessage, protocolLimits, replyToOf, serverMessage } from "./index.ts";

test("a valid step message parses with its default count", () => {
  const parsed = parseClientMessage(JSON.stringify({ type: "step", id: 4 }));
  assert.deepEqual(parsed, { ok: true, value: { type: "step", id: 4, count: 1 } });
});

test("a nested bad field is named by its path", () => {
  const parsed = parseClientMessage(JSON.stringify({ type: "deploy", id: 1, deploy: { code: "x", rollout: { stepMs: -5 } } }));
  assert.equal(parsed.ok, false);
  if (parsed.ok) return;
  assert.equal(parsed.error.code, "bad_message");
  assert.equal(parsed.error.path, "deploy.rollout.stepMs");
  assert.match(parsed.error.message, /^deploy\.rollout\.stepMs: /);
});

test("a header value of the wrong type is named with its key", () => {
  const parsed = parseClientMessage(JSON.stringify({ type: "send_request", request: { from: "us-east", url: "https://a.example/", headers: { "x-a": 1 } } }));
  assert.ok(!parsed.ok && parsed.error.path === 'request.headers["x-a"]');
});

test("an oversized name names its limit", () => {
  const parsed = parseClientMessage(JSON.stringify({ type: "save_project", name: "x".repeat(protocolLimits.projectNameCharsMax + 1) }));
  assert.ok(!parsed.ok && parsed.error.limit === "projectNameCharsMax");
});

test("unknown fields, unknown types, non-objects and bad JSON are refused", () => {
  for (const raw of ['{"type":"pause","extra":1}', '{"type":"explode"}', "[1,2]", "{", '"hello"', '{"type":7}']) {
    const parsed = parseClientMessage(raw);
    assert.equal(parsed.ok, false, raw);
    if (!parsed.ok) assert.equal(parsed.error.code, "bad_message", raw);
  }
});

test("a message over wsMessageBytesMax is refused by size before parsing", () => {
  const parsed = parseClientMessage(" ".repeat(protocolLimits.wsMessageBytesMax + 1));
  assert.ok(!parsed.ok && parsed.error.code === "message_too_large" && parsed.error.limit === "wsMessageBytesMax");
});

test("play speed is bounded and accepts max", () => {
  assert.ok(parseClientMessage('{"type":"play","speed":"max"}').ok);
  assert.ok(parseClientMessage('{"type":"play","speed":1000}').ok);
  assert.ok(!parseClientMessage('{"type":"play","speed":1001}').ok);
  assert.ok(!parseClientMessage('{"type":"play","speed":0.01}').ok);
});

test("replyToOf reads the id of a message that failed validation", () => {
  assert.equal(replyToOf('{"type":"step","id":17,"count":"x"}'), 17);
  assert.equal(replyToOf("garbage"), null);
});

test("the JSON Schemas list every client message type and validate a server message", () => {
  const schema = JSON.stringify(clientMessageJsonSchema());
  for (const type of clientMessageTypes) assert.ok(schema.includes(`"${type}"`), type);
  assert.ok(JSON.stringify(serverMessageJsonSchema()).includes('"welcome"'));
  assert.ok(serverMessage.safeParse({ type: "ack", replyTo: 1, of: "pause" }).success);
  assert.ok(!serverMessage.safeParse({ type: "ack", replyTo: "1", of: "pause" }).success);
});

test("a message nested deeper than jsonDepthMax is refused naming the limit, brackets in strings do not count", () => {
  const deep = `{"type":"load_scenario","scenario":{"x":${"[".repeat(5_000)}${"]".repeat(5_000)}}}`;
  const parsed = parseClientMessage(deep);
  assert.ok(!parsed.ok && parsed.error.limit === "jsonDepthMax" && /jsonDepthMax/.test(parsed.error.message), JSON.stringify(parsed));
  const inString = parseClientMessage(JSON.stringify({ type: "save_project", name: "[[[[".repeat(20) }));
  assert.ok(inString.ok, "brackets inside a string are text");
});
