// The admin app's one store, by what the staff is doing: signed in or not, which screen, the line to read.
// The designer keeps its own store (designer/store.ts) for the draft and its history; wipe() on sign-out drops both.
import { createStore } from 'zustand/vanilla';
import type { DocumentKind, DocumentSummary } from '../../src-main/contract/admin';
import type { DraftBundle, DraftTemplate } from '../field-types';
import type { AdminLanguage } from './words';

export type Route =
  | { screen: 'documents' }
  | { screen: 'template'; id: string; version?: number }
  | { screen: 'new-template' }
  | { screen: 'bundle'; id: string; version?: number }
  | { screen: 'new-bundle' }
  | { screen: 'versions'; kind: DocumentKind; id: string }
  | { screen: 'figures' }
  | { screen: 'audit' }
  | { screen: 'printers' };

export interface Notice {
  key: string;
  params?: Record<string, string | number>;
  error?: boolean;
}

export interface AdminState {
  /** null until the service answered whether this browser has a session. */
  signedIn: boolean | null;
  who: string | null;
  lang: AdminLanguage;
  route: Route;
  documents: DocumentSummary[] | null;
  /** A draft made on the documents page, handed to the editor it opens (a new template on an imported PDF). */
  newTemplate: { doc: DraftTemplate; background: { hash: string; pagesMm: { widthMm: number; heightMm: number }[]; pdfBase64: string } | null } | null;
  newBundle: DraftBundle | null;
  /** The session ended while working (expired, signed out elsewhere): sign in again over the screen, work kept. */
  expired: boolean;
  /** The editor open has unsaved changes: leaving asks first. */
  unsaved: boolean;
  notice: Notice | null;
}

export interface AdminActions {
  set(patch: Partial<AdminState>): void;
  /** Signed out (or the session ended): nothing of the last staff's work stays. */
  wipe(): void;
}

export type AdminStore = ReturnType<typeof createAdminStore>;

export function routeOf(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const version = (v: string | undefined) => (v && /^v\d+$/.test(v) ? { version: Number(v.slice(1)) } : {});
  switch (parts[0]) {
    case 'template':
      return parts[1] ? { screen: 'template', id: parts[1], ...version(parts[2]) } : { screen: 'documents' };
    case 'bundle':
      return parts[1] ? { screen: 'bundle', id: parts[1], ...version(parts[2]) } : { screen: 'documents' };
    case 'new-template':
      return { screen: 'new-template' };
    case 'new-bundle':
      return { screen: 'new-bundle' };
    case 'versions':
      return (parts[1] === 'template' || parts[1] === 'bundle') && parts[2] ? { screen: 'versions', kind: parts[1], id: parts[2] } : { screen: 'documents' };
    case 'figures':
      return { screen: 'figures' };
    case 'audit':
      return { screen: 'audit' };
    case 'printers':
      return { screen: 'printers' };
    default:
      return { screen: 'documents' };
  }
}

export function hashOf(route: Route): string {
  switch (route.screen) {
    case 'template':
    case 'bundle':
      return `#/${route.screen}/${encodeURIComponent(route.id)}${route.version ? `/v${route.version}` : ''}`;
    case 'versions':
      return `#/versions/${route.kind}/${encodeURIComponent(route.id)}`;
    default:
      return `#/${route.screen}`;
  }
}

export function createAdminStore(lang: AdminLanguage) {
  const initial = (): Omit<AdminState, 'lang'> => ({
    signedIn: null,
    who: null,
    route: routeOf(location.hash),
    documents: null,
    newTemplate: null,
    newBundle: null,
    expired: false,
    unsaved: false,
    notice: null,
  });
  return createStore<AdminState & AdminActions>()((set) => ({
    ...initial(),
    lang,
    set: (patch) => set(patch),
    wipe: () => set({ ...initial(), signedIn: false, route: { screen: 'documents' } }),
  }));
}
