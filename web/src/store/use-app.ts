// React binding of the store: components select the narrowest slice of state they show.
import { useStore } from "zustand";
import { createAppStore, type AppState } from "./index.ts";

export const appStore = createAppStore();

export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}
