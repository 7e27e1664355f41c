// The Instruments switch shows the learner's choice at once and puts it back when the server
// refuses: the checkbox never snaps back while the round trip is under way.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import type { ProtocolClient } from "../protocol-client/client.ts";
import { createAppStore } from "../store/index.ts";
import { createInstrumentsActions } from "./instruments-actions.ts";

function fakeClient(answer: () => Promise<unknown>) {
  const sent: unknown[] = [];
  const reported: unknown[] = [];
  const client = { request: (message: unknown) => { sent.push(message); return answer(); }, report: (error: unknown) => reported.push(error) };
  return { client: client as unknown as ProtocolClient, sent, reported };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test("switching on shows at once, before the server answers", async () => {
  const store = createAppStore();
  let answer!: (value: unknown) => void;
  const { client, sent } = fakeClient(() => new Promise((resolve) => { answer = resolve; }));
  createInstrumentsActions(store, client).setInstruments(true);
  assert.equal(store.getState().instrumentsOn, true);
  assert.equal(store.getState().instrumentBusy, "switching");
  assert.deepEqual(sent, [{ type: "instruments_set", on: true }]);
  answer({ type: "instruments_state", on: true });
  await settle();
  assert.equal(store.getState().instrumentsOn, true);
  assert.equal(store.getState().instrumentBusy, null);
});

test("a refused switch puts the checkbox back and reports the error", async () => {
  const store = createAppStore();
  const { client, reported } = fakeClient(() => Promise.reject(new Error("instruments are off on this server")));
  createInstrumentsActions(store, client).setInstruments(true);
  assert.equal(store.getState().instrumentsOn, true);
  await settle();
  assert.equal(store.getState().instrumentsOn, false);
  assert.equal(store.getState().instrumentBusy, null);
  assert.equal((reported[0] as Error).message, "instruments are off on this server");
});
