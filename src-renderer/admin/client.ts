// The admin app's way to the counter service: plain HTTP on the same origin, the session in an HttpOnly cookie.
// A 401 anywhere means the session is gone (expired, signed out elsewhere): the app goes back to sign-in.
import { answeredByHall } from '../rpc/hall';
import { ADMIN_HTTP, type AdminFailure, type AdminParams, type AdminRequestName, type AdminResult } from '../../src-main/contract/admin';

export class AdminCallError extends Error {
  constructor(readonly code: AdminFailure['code'] | 'not-signed-in' | 'offline') {
    super(`admin request failed: ${code}`);
  }
}

export type SignInResult =
  | { ok: true }
  | { ok: false; reason: 'wrong' | 'rate-limited' | 'no-passphrase' | 'failed' | 'not-it'; retryAfterS?: number };

let onSignedOut: () => void = () => {};
/** Called once by the app: what to do when the service says the session is gone. */
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

export async function signIn(name: string, passphrase: string): Promise<SignInResult> {
  let res: Response;
  try {
    res = await fetch(ADMIN_HTTP.signIn, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name, passphrase }), credentials: 'same-origin' });
  } catch {
    return { ok: false, reason: 'failed' };
  }
  if (res.ok) return { ok: true };
  if (res.status === 403) return { ok: false, reason: 'wrong' };
  if (res.status === 409) return { ok: false, reason: 'no-passphrase' };
  if (res.status === 429) {
    const after = Number(res.headers.get('Retry-After'));
    return { ok: false, reason: 'rate-limited', ...(Number.isFinite(after) && after > 0 ? { retryAfterS: after } : {}) };
  }
  return { ok: false, reason: 'failed' };
}

export async function signOut(): Promise<void> {
  await fetch(ADMIN_HTTP.signOut, { method: 'POST', credentials: 'same-origin' }).catch(() => {});
}

/** The signed-in staff name, or null without a session. */
export async function currentSession(): Promise<string | null> {
  const session = await startingSession();
  return session === 'hall' ? null : session;
}

/** The first question the app asks: a kiosk service's signed-in name (or null), or 'hall' when a hall answered. */
export async function startingSession(): Promise<string | null | 'hall'> {
  try {
    const res = await fetch(ADMIN_HTTP.session, { credentials: 'same-origin', cache: 'no-store' });
    if (answeredByHall(res)) return 'hall';
    if (!res.ok) return null;
    return ((await res.json()) as { name: string }).name;
  } catch {
    return null;
  }
}

export async function call<N extends AdminRequestName>(name: N, params: AdminParams<N>, options: { signal?: AbortSignal } = {}): Promise<AdminResult<N>> {
  let res: Response;
  try {
    res = await fetch(ADMIN_HTTP.call, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, params }),
      credentials: 'same-origin',
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new AdminCallError('offline');
  }
  if (res.status === 401) {
    onSignedOut();
    throw new AdminCallError('not-signed-in');
  }
  if (res.status === 413) throw new AdminCallError('too-large');
  const body = (await res.json().catch(() => null)) as { ok: true; result: AdminResult<N> } | { ok: false; error: AdminFailure } | null;
  if (!body) throw new AdminCallError('internal');
  if (!body.ok) throw new AdminCallError(body.error.code);
  return body.result;
}

/** The figures as CSV for the same days as on screen (a plain link: the browser downloads it with the cookie). */
export function figuresCsvUrl(since: string, until?: string): string {
  const q = new URLSearchParams({ since, ...(until ? { until } : {}) });
  return `${ADMIN_HTTP.figuresCsv}?${q.toString()}`;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Saves text as a file the way a browser does: an object URL on a temporary link. */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
