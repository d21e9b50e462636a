// The admin app's store and words, for every screen.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { AdminCallError } from './client';
import { hashOf, type AdminActions, type AdminState, type AdminStore, type Route } from './store';
import { adminWord, type AdminWord } from './words';

export const AdminContext = createContext<AdminStore | null>(null);

export function useAdminStore(): AdminStore {
  const store = useContext(AdminContext);
  if (!store) throw new Error('admin screens render inside <AdminContext.Provider>');
  return store;
}

export function useAdmin<T>(selector: (s: AdminState & AdminActions) => T): T {
  return useStore(useAdminStore(), useShallow(selector));
}

export type Translate = (key: AdminWord, params?: Record<string, string | number>) => string;

export function useT(): Translate {
  const lang = useAdmin((s) => s.lang);
  return (key, params) => adminWord(lang, key, params);
}

/** Goes to a screen (the address bar follows, so reload and back work); asks first when an editor has unsaved work. */
export function navigate(store: AdminStore, route: Route): boolean {
  const s = store.getState();
  if (s.unsaved && !confirm(adminWord(s.lang, 'editor.leaveUnsaved'))) return false;
  store.setState({ unsaved: false, route, notice: null });
  const hash = hashOf(route);
  if (location.hash !== hash) history.pushState(null, '', hash);
  return true;
}

export function useNavigate(): (route: Route) => boolean {
  const store = useAdminStore();
  return (route) => navigate(store, route);
}

/** The words for a failed call: its code, in the staff's language. */
export function failureNotice(e: unknown): { key: AdminWord; params: Record<string, string>; error: true } {
  const code = e instanceof AdminCallError ? e.code : 'internal';
  return { key: 'error.call', params: { code }, error: true };
}
