import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket, WebSocketServer } from 'ws';
import { rpcClient, type RpcClient } from './client';

// The browser client over a real WebSocket on loopback (the `ws` client stands in for the browser's WebSocket, which
// this Node lacks: same constructor, onopen/onmessage/onclose and readyState).
(globalThis as { WebSocket?: unknown }).WebSocket ??= NodeWebSocket;

class CodeError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

let server: Server | undefined;
let wss: WebSocketServer | undefined;
const clients: RpcClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const ws of wss?.clients ?? []) ws.terminate();
  await new Promise<void>((r) => (wss ? wss.close(() => r()) : r()));
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = wss = undefined;
});

async function start(port = 0) {
  server = createServer();
  wss = new WebSocketServer({ server });
  await new Promise<void>((r) => server!.listen(port, '127.0.0.1', () => r()));
  return (server.address() as AddressInfo).port;
}

function connect(port: number, extra: { afterClose?: () => 'reconnect' | 'stop' } = {}) {
  const events: unknown[] = [];
  const connection: boolean[] = [];
  const client = rpcClient<unknown, { code: string }>({
    url: `ws://127.0.0.1:${port}`,
    onEvent: (e) => events.push(e),
    onConnection: (c) => connection.push(c),
    errorOf: (code) => new CodeError(code),
    ...extra,
  });
  clients.push(client);
  return { client, events, connection };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  expect(check()).toBe(true);
};

describe('the one browser RPC client', () => {
  it('matches answers to requests by id, sends requests made before the socket opened, and passes events on', async () => {
    const port = await start();
    wss!.on('connection', (ws) => ws.on('message', (m) => {
      const req = JSON.parse(String(m)) as { id: number; name: string };
      // Answered out of order: the ids, not the order, match them.
      setTimeout(() => ws.send(JSON.stringify(req.name === 'fail'
        ? { kind: 'response', id: req.id, ok: false, error: { code: 'busy' } }
        : { kind: 'response', id: req.id, ok: true, result: req.name })), req.name === 'slow' ? 50 : 0);
      ws.send(JSON.stringify({ kind: 'event', event: { type: 'seen', name: req.name } }));
    }));
    const { client, events } = connect(port);
    const slow = client.request('slow', {});
    const fast = client.request('fast', {});
    await expect(fast).resolves.toBe('fast');
    await expect(slow).resolves.toBe('slow');
    await expect(client.request('fail', {})).rejects.toMatchObject({ code: 'busy' });
    expect(events).toContainEqual({ type: 'seen', name: 'slow' });
  });

  it('fails the requests in flight when the socket drops, never re-sends them, and reconnects with backoff', async () => {
    const port = await start();
    const received: string[] = [];
    wss!.on('connection', (ws) => ws.on('message', (m) => {
      received.push(JSON.parse(String(m)).name);
      ws.terminate(); // the service went away mid-request
    }));
    const { client, connection } = connect(port);
    await expect(client.request('card.read', { pin: '0000' })).rejects.toMatchObject({ code: 'internal' });
    await until(() => connection.filter((c) => c).length >= 2); // it came back by itself
    expect(received).toEqual(['card.read']);
  });

  it('stops when the caller says the session is gone', async () => {
    const port = await start();
    wss!.on('connection', (ws) => ws.close(4401, 'not paired'));
    let closes = 0;
    const { connection } = connect(port, { afterClose: () => (closes++, 'stop') });
    await until(() => closes === 1);
    await new Promise((r) => setTimeout(r, 600));
    expect(closes).toBe(1);
    expect(connection).toEqual([true, false]);
  });
});
