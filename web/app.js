// A bare page for running a worker in the simulated world until the full web app (Vite, Monaco,
// Mermaid) lands: it builds a scenario from the editor, sends it over the WebSocket and shows the
// responses and the trace. Every value from the server is rendered as text, never as HTML.
const regions = ["us-west", "us-east", "eu-west", "ap-south"];
const starter = `export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    console.log("hello from", url.pathname);
    return Response.json({ path: url.pathname, time: Date.now() });
  },
};
`;
const $ = (id) => document.getElementById(id);
const code = $("code");
code.value = localStorage.getItem("edge-playground:code") ?? starter;
code.addEventListener("input", () => localStorage.setItem("edge-playground:code", code.value));
for (const region of regions) {
  const label = document.createElement("label");
  const box = Object.assign(document.createElement("input"), { type: "checkbox", value: region, checked: region === "us-west" || region === "eu-west" });
  label.append(box, ` ${region} `);
  $("regions").append(label);
}

const socket = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`);
socket.addEventListener("open", () => { $("status").textContent = "connected"; socket.send(JSON.stringify({ type: "hello", version: 1 })); });
socket.addEventListener("close", () => { $("status").textContent = "disconnected: reload the page"; });
socket.addEventListener("message", (event) => {
  const message = JSON.parse(event.data);
  if (message.type === "run_started") $("status").textContent = "running…";
  if (message.type === "run_result") { $("status").textContent = "connected"; show(message.result); }
  if (message.type === "error") { $("status").textContent = "connected"; showError(`${message.code} (${message.blame}): ${message.message}`); }
});

let lastFrom = [];
$("run").addEventListener("click", () => {
  const from = lastFrom = [...document.querySelectorAll("#regions input:checked")].map((box) => box.value);
  const path = $("path").value.startsWith("/") ? $("path").value : `/${$("path").value}`;
  const scenario = {
    name: "playground",
    seed: Number($("seed").value) || 0,
    world: { regions },
    worker: { code: code.value, bindings: { KV: { type: "kv" } }, routes: ["app.example.com/*"] },
    traffic: from.map((region, i) => ({ atMs: i * 10, from: region, method: "GET", url: `https://app.example.com${path}` })),
  };
  $("error").hidden = true;
  socket.send(JSON.stringify({ type: "run_scenario", runId: String(Date.now()), scenario }));
});

function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function show(result) {
  const body = $("responses").querySelector("tbody");
  body.replaceChildren(...result.responses.map((r, i) => {
    const row = document.createElement("tr");
    row.append(cell(lastFrom[i] ?? String(i)), cell(String(r.status)), cell(r.servedBy ?? "-"), cell(String(r.finishedAtMs - r.startedAtMs)), cell(r.body, "body"));
    return row;
  }));
  $("hash").textContent = `hash ${result.traceHash.slice(0, 12)}…`;
  $("trace").replaceChildren(...result.trace.map((entry) => Object.assign(document.createElement("li"), { textContent: JSON.stringify(entry) })));
}

function showError(text) {
  $("error").textContent = text;
  $("error").hidden = false;
}
