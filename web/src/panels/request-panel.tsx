// The request panel: region, method, URL (completing the world's routes), headers, body, Send;
// then the responses as a list, each opening to its headers, body, logs and measured numbers.
import { useActions } from "./actions-context.ts";
import { useApp } from "../store/use-app.ts";
import { FaultControls } from "./fault-controls.tsx";
import { ResponseList } from "./response-list.tsx";

const methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
// Selectors must return stable values: fallbacks are constants, not fresh arrays.
const defaultRegions = ["us-west", "us-east", "eu-west", "ap-south"];
const noRoutes: string[] = [];

export function RequestPanel() {
  const actions = useActions();
  const draft = useApp((s) => s.draft);
  const setDraft = useApp((s) => s.setDraft);
  const regions = useApp((s) => s.server?.scenario?.regions ?? defaultRegions);
  const routes = useApp((s) => s.server?.scenario?.routes ?? noRoutes);
  return (
    <section className="panel request-panel" aria-label="Requests">
      <form className="request-form" onSubmit={(e) => { e.preventDefault(); actions.deployAndSend(); }}>
        <label>From
          <select value={draft.from} onChange={(e) => setDraft({ from: e.target.value })} aria-label="Region the request is sent from">
            {regions.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
        </label>
        <label>Method
          <select value={draft.method} onChange={(e) => setDraft({ method: e.target.value })} aria-label="HTTP method">
            {methods.map((m) => <option key={m}>{m}</option>)}
          </select>
        </label>
        <label className="grow">URL
          <input value={draft.url} onChange={(e) => setDraft({ url: e.target.value })} list="routes" aria-label="Request URL" spellCheck={false} />
          <datalist id="routes">{routes.map((r) => <option key={r} value={`https://${r.replace(/\*$/, "")}`} />)}</datalist>
        </label>
        <button type="submit" className="primary" aria-label="Deploy and send (Ctrl+Enter)" title="Deploy and send (Ctrl+Enter)">Send</button>
        <details className="request-extra">
          <summary>Headers and body</summary>
          <label>Headers (one “name: value” a line)<textarea rows={2} value={draft.headers} onChange={(e) => setDraft({ headers: e.target.value })} aria-label="Request headers" spellCheck={false} /></label>
          <label>Body<textarea rows={2} value={draft.body} onChange={(e) => setDraft({ body: e.target.value })} aria-label="Request body" spellCheck={false} /></label>
        </details>
      </form>
      <FaultControls />
      <ResponseList />
    </section>
  );
}
