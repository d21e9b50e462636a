// The store and the flow, handed to every screen through React context (one kiosk per page).
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { Flow } from './flow';
import type { Actions, KioskStore, State } from './store';

export const KioskContext = createContext<{ store: KioskStore; flow: Flow } | null>(null);

function useKioskContext() {
  const k = useContext(KioskContext);
  if (!k) throw new Error('kiosk screens render inside <KioskContext.Provider>');
  return k;
}

export function useKiosk<T>(selector: (s: State & Actions) => T): T {
  return useStore(useKioskContext().store, selector);
}

/** For selectors that build a new array or object: re-renders only when its items change. */
export function useKioskShallow<T>(selector: (s: State & Actions) => T): T {
  return useStore(useKioskContext().store, useShallow(selector));
}

export function useFlow(): Flow {
  return useKioskContext().flow;
}
