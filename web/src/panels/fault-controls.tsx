// Fault controls: inject a fault into the running world now (a PoP down, a region down, a slow
// region, a region cut off by a partition) and heal the ones injected here. A fault at a past
// moment starts a branch there, like any action. Lessons 6 and 12 use it; it is also the
// quickest way to see failover and migration on one's own code.
import { useState } from "react";
import type { FaultInput } from "../protocol-client/actions.ts";
import { useApp } from "../store/use-app.ts";
import { useActions } from "./actions-context.ts";

type FaultKind = "pop_down" | "region_down" | "slow_region" | "partition";
const kinds: { kind: FaultKind; label: string }[] = [
  { kind: "pop_down", label: "PoP down" },
  { kind: "region_down", label: "Region down" },
  { kind: "slow_region", label: "Slow region (+200 ms)" },
  { kind: "partition", label: "Partition (cut the region off)" },
];
const defaultRegions = ["us-west", "us-east", "eu-west", "ap-south"];
/** A slow region's added latency each way, in virtual ms. */
const slowRegionExtraMs = 200;

export function faultCommand(kind: FaultKind, region: string): FaultInput {
  switch (kind) {
    case "pop_down": return { kind, pop: region };
    case "region_down": return { kind, region };
    case "slow_region": return { kind, region, extraMs: slowRegionExtraMs };
    case "partition": return { kind, regions: [region] };
  }
}

interface Injected { faultId: string; label: string }

export function FaultControls() {
  const actions = useActions();
  const regions = useApp((s) => s.server?.scenario?.regions ?? defaultRegions);
  const [kind, setKind] = useState<FaultKind>("pop_down");
  const [region, setRegion] = useState<string>("");
  const [injected, setInjected] = useState<Injected[]>([]);
  const target = regions.includes(region) ? region : regions[0] ?? "";
  const inject = async () => {
    const faultId = await actions.injectFault(faultCommand(kind, target));
    if (faultId !== null) setInjected((list) => [...list, { faultId, label: `${kinds.find((k) => k.kind === kind)!.label.replace(/ \(.*\)$/, "")}: ${target}` }]);
  };
  const heal = (faultId: string) => {
    actions.healFault(faultId);
    setInjected((list) => list.filter((f) => f.faultId !== faultId));
  };
  return (
    <details className="fault-controls">
      <summary>Faults</summary>
      <div className="fault-form">
        <select value={kind} onChange={(e) => setKind(e.target.value as FaultKind)} aria-label="Fault kind">
          {kinds.map((k) => <option key={k.kind} value={k.kind}>{k.label}</option>)}
        </select>
        <select value={target} onChange={(e) => setRegion(e.target.value)} aria-label="Fault target region">
          {regions.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
        <button type="button" onClick={() => void inject()} aria-label="Inject the fault now">Inject now</button>
      </div>
      {injected.length > 0 && (
        <ul className="fault-list" aria-label="Injected faults">
          {injected.map((f) => (
            <li key={f.faultId}><span>{f.label}</span> <button type="button" className="small" onClick={() => heal(f.faultId)} aria-label={`Heal ${f.label}`}>Heal</button></li>
          ))}
        </ul>
      )}
    </details>
  );
}
