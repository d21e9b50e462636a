// What the browser host's access modules (kiosk, clerk, admin) answer with: JSON replies, refused WebSocket upgrades
// and HttpOnly session cookies — one copy, so HSTS and the cookie's attributes cannot differ between them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { HSTS, SECURITY_HEADERS } from '../../web/security-headers';

export { HSTS };

export function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
  res.end(JSON.stringify(body));
}

const STATUS_TEXT = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' } as const;

/** Ends an upgrade request with a plain HTTP refusal; under TLS it carries HSTS like every other response. */
export function refuseUpgrade(socket: Duplex, status: 401 | 403 | 404, secure: boolean): void {
  const hsts: Record<string, string> = secure ? { 'Strict-Transport-Security': HSTS } : {};
  const headers = Object.entries({ ...SECURITY_HEADERS, ...hsts, Connection: 'close', 'Content-Length': '0' }).map(([k, v]) => `${k}: ${v}`);
  socket.end([`HTTP/1.1 ${status} ${STATUS_TEXT[status]}`, ...headers, '', ''].join('\r\n'));
}

/** The value of one cookie of the request. */
export function cookieValue(req: IncomingMessage, cookieName: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === cookieName) return rest.join('=');
  }
  return undefined;
}

/** A session cookie no script and no other site's request can use (Secure under TLS); Max-Age 0 clears it. */
export function sessionCookie(cookieName: string, value: string, { secure, maxAge }: { secure: boolean; maxAge?: number }): string {
  return [`${cookieName}=${value}`, 'HttpOnly', 'SameSite=Strict', 'Path=/', ...(secure ? ['Secure'] : []), ...(maxAge === undefined ? [] : [`Max-Age=${maxAge}`])].join('; ');
}
