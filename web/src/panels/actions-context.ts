// The learner's actions reach components through context (set once in main.tsx), so components
// never import the WebSocket client.
import { createContext, useContext } from "react";
import type { Actions } from "../protocol-client/actions.ts";

export const ActionsContext = createContext<Actions | null>(null);

export function useActions(): Actions {
  const actions = useContext(ActionsContext);
  if (!actions) throw new Error("ActionsContext is not provided");
  return actions;
}
