import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HallClient } from './client';
import { initHallDir } from './init';

let dir: string;
let server: Server;
let ca: string;
const bodies: Buffer[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kakanai-hall-client-'));
  const made = await initHallDir(join(dir, 'tls'), ['localhost']);
  ca = readFileSync(made.caCert, 'utf8');
  server = createServer({ cert: readFileSync(made.cert, 'utf8'), key: readFileSync(made.key, 'utf8') }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'response', id: 1, ok: true, result: { id: 7, ticketNumber: '１', created: true } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the kiosk\'s hall client', () => {
  it('sends a submission with Japanese values as an ASCII-only body that reads back to the same values', async () => {
    const client = new HallClient({ version: 1, hall: `https://localhost:${(server.address() as AddressInfo).port}`, deviceId: 'd', kind: 'kiosk', site: 'honcho', name: 'k', credential: 'c'.repeat(43), ca });
    const params = { submissionKey: 'visit-1', day: '2026-12-05', forms: [{ templateId: 'juminhyo', pdfBase64: 'JVBERi0xLjc=', values: { 'applicant.name': '見本　花子', address: '千葉県香取市佐原ロ２１２７番地' } }] };
    try {
      const answer = await client.call('kiosk.submit', params);
      expect(answer.ticketNumber).toBe('１');
    } finally {
      client.close();
    }
    const body = bodies.at(-1)!;
    expect(body.every((b) => b < 0x80)).toBe(true);
    expect((JSON.parse(body.toString('utf8')) as { params: unknown }).params).toEqual(params);
  });
});
