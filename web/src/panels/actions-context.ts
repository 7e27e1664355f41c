// The learner's actions reach components through context (set once in main.tsx), so components
// never import the WebSocket client.
import { createContext, useContext } from "react";
import type { ExploreActions } from "../explore/explore-actions.ts";
import type { InstrumentsActions } from "../instruments/instruments-actions.ts";
import type { Actions as ShellActions } from "../protocol-client/actions.ts";

/** The shell's actions and the side panels' own (explore, instruments). */
export type Actions = ShellActions & ExploreActions & InstrumentsActions;

export const ActionsContext = createContext<Actions | null>(null);

export function useActions(): Actions {
  const actions = useContext(ActionsContext);
  if (!actions) throw new Error("ActionsContext is not provided");
  return actions;
}
