// A kiosk joins the hall: its one-time code is redeemed over HTTPS (only the given CA trusted, when one is given), and
// the credential it gets is written to the kiosk's private folder — never printed, never in argv or a URL.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { z } from 'zod';
import { HALL_HTTP } from '../contract/hall';
import { securePrivateFolder } from '../counter/private-folder';

export type JoinErrorCode = 'bad-code' | 'rate-limited' | 'unreachable' | 'untrusted' | 'already-joined' | 'bad-url' | 'bad-answer';

export class JoinError extends Error {
  constructor(readonly code: JoinErrorCode) {
    super(`kiosk join: ${code}`);
    this.name = 'JoinError';
  }
}

const HallCredential = z.strictObject({
  version: z.literal(1),
  hall: z.string().url(),
  deviceId: z.string(),
  kind: z.enum(['kiosk', 'desk']),
  site: z.string(),
  name: z.string(),
  credential: z.string(),
  /** The CA the hall's certificate must chain to (PEM), or null for the system's. */
  ca: z.string().nullable(),
  /** A kiosk's own tickets while the hall is out of reach start with this (chosen by the hall, unique in the site). */
  ticketPrefix: z.string().regex(/^K[0-9A-F]{4,8}$/).optional(),
});
export type HallCredential = z.infer<typeof HallCredential>;

/** <data folder>/hall/credential.json (folder 0700, file 0600). */
export const credentialFile = (dataDir: string): string => join(dataDir, 'hall', 'credential.json');

export function readHallCredential(dataDir: string): HallCredential | undefined {
  const file = credentialFile(dataDir);
  if (!existsSync(file)) return undefined;
  securePrivateFolder(join(dataDir, 'hall'));
  return HallCredential.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export async function joinHall(options: { hall: string; code: string; ca?: string; dataDir: string }): Promise<HallCredential> {
  let url: URL;
  try {
    url = new URL(options.hall);
  } catch {
    throw new JoinError('bad-url');
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.search) throw new JoinError('bad-url');
  if (existsSync(credentialFile(options.dataDir))) throw new JoinError('already-joined');
  const answer = await post(url, HALL_HTTP.enrol, { kind: 'request', id: 1, name: 'enrolment.redeem', params: { code: options.code } }, options.ca);
  const result = z
    .object({
      ok: z.literal(true),
      result: z.strictObject({ deviceId: z.string(), kind: z.enum(['kiosk', 'desk']), site: z.string(), name: z.string(), credential: z.string(), ticketPrefix: z.string().regex(/^K[0-9A-F]{4,8}$/).optional() }),
    })
    .safeParse(answer.body);
  if (!result.success) throw new JoinError(answer.status === 429 ? 'rate-limited' : answer.status === 403 || answer.status === 400 ? 'bad-code' : 'bad-answer');
  const stored: HallCredential = { version: 1, hall: url.origin, ...result.data.result, ca: options.ca ?? null };
  const dir = join(options.dataDir, 'hall');
  securePrivateFolder(dir);
  const file = credentialFile(options.dataDir);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, file);
  return stored;
}

function post(base: URL, path: string, body: unknown, ca: string | undefined): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: base.hostname, port: base.port || 443, path, method: 'POST', headers: { 'content-type': 'application/json' }, ...(ca ? { ca } : {}), timeout: 15_000 },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown });
          } catch {
            reject(new JoinError('bad-answer'));
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new JoinError('unreachable')));
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err instanceof JoinError) return reject(err);
      // A certificate that does not chain to the pinned CA, or names another host.
      if (/CERT|SELF_SIGNED|ALTNAME|UNABLE_TO/.test(err.code ?? '')) reject(new JoinError('untrusted'));
      else reject(new JoinError('unreachable'));
    });
    req.end(JSON.stringify(body));
  });
}
