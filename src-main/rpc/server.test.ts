import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { z } from 'zod';
import { defineContract, noParams, type RpcMessage } from '../contract/common';
import { broadcast, readRequest, serveSocket } from './server';

const contract = defineContract('test', {
  'echo.say': z.strictObject({ text: z.string().max(10) }),
  'echo.fail': noParams,
});
type Failure = { code: 'invalid-request' | 'busy' | 'internal' };

let server: Server | undefined;
let wss: WebSocketServer | undefined;
afterEach(async () => {
  for (const ws of wss?.clients ?? []) ws.terminate();
  await new Promise<void>((r) => (wss ? wss.close(() => r()) : r()));
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = wss = undefined;
});

/** A real WebSocket server on loopback serving the test contract; `admitted` can be turned off. */
async function serve(state = { admitted: true }) {
  server = createServer();
  wss = new WebSocketServer({ server });
  wss.on('connection', (ws) =>
    serveSocket(ws, {
      contract,
      label: 'test',
      admitted: () => state.admitted,
      invalid: { code: 'invalid-request' } as Failure,
      call: async (name, params) => {
        if (name === 'echo.fail') throw Object.assign(new Error('secret 1234'), { name: 'BusyError' });
        return { said: (params as { text: string }).text };
      },
      failureOf: (e): Failure => ((e as Error).name === 'BusyError' ? { code: 'busy' } : { code: 'internal' }),
    }),
  );
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  const ws = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  await new Promise((r) => ws.once('open', r));
  const next = () => new Promise<{ message?: RpcMessage<unknown, Failure>; close?: number }>((resolve) => {
    ws.once('message', (m) => resolve({ message: JSON.parse(String(m)) }));
    ws.once('close', (code) => resolve({ close: code }));
  });
  return { ws, next, state };
}

describe('the one RPC server', () => {
  it('answers a well-formed request with the handler result, by id', async () => {
    const { ws, next } = await serve();
    ws.send(JSON.stringify({ kind: 'request', id: 7, name: 'echo.say', params: { text: 'hello' } }));
    expect(await next()).toEqual({ message: { kind: 'response', id: 7, ok: true, result: { said: 'hello' } } });
  });

  it('refuses bad params and unknown names with the typed code, before any handler runs', async () => {
    const { ws, next } = await serve();
    ws.send(JSON.stringify({ kind: 'request', id: 1, name: 'echo.say', params: { text: 'far too long a text' } }));
    expect(await next()).toEqual({ message: { kind: 'response', id: 1, ok: false, error: { code: 'invalid-request' } } });
    ws.send(JSON.stringify({ kind: 'request', id: 2, name: 'shell.exec', params: {} }));
    expect(await next()).toEqual({ message: { kind: 'response', id: 2, ok: false, error: { code: 'invalid-request' } } });
    ws.send(JSON.stringify({ kind: 'request', id: 3, name: 'echo.say', params: { text: 'x' }, extra: true }));
    expect(await next()).toEqual({ message: { kind: 'response', id: 3, ok: false, error: { code: 'invalid-request' } } });
  });

  it('maps a thrown error to its typed failure and never sends its message', async () => {
    const { ws, next } = await serve();
    ws.send(JSON.stringify({ kind: 'request', id: 4, name: 'echo.fail', params: {} }));
    const { message } = await next();
    expect(message).toEqual({ kind: 'response', id: 4, ok: false, error: { code: 'busy' } });
    expect(JSON.stringify(message)).not.toContain('1234');
  });

  it('closes a socket that sends no readable envelope, or whose caller is no longer admitted', async () => {
    const first = await serve();
    first.ws.send('not json');
    expect(await first.next()).toEqual({ close: 1008 });
    const state = { admitted: true };
    const second = await serve(state);
    state.admitted = false;
    second.ws.send(JSON.stringify({ kind: 'request', id: 5, name: 'echo.say', params: { text: 'hi' } }));
    expect(await second.next()).toEqual({ close: 4401 });
  });

  it('delivers events to every open socket', async () => {
    const { next } = await serve();
    broadcast(wss!.clients, { kind: 'event', event: { type: 'ping' } });
    expect(await next()).toEqual({ message: { kind: 'event', event: { type: 'ping' } } });
  });

  it('reads a request from text without a socket (the kiosk host and IPC use the same check)', () => {
    expect(readRequest(contract, JSON.stringify({ kind: 'request', id: 9, name: 'echo.fail', params: {} }))).toEqual({ ok: true, request: { id: 9, name: 'echo.fail', params: {} } });
    expect(readRequest(contract, JSON.stringify({ kind: 'request', id: -1, name: 'echo.fail', params: {} }))).toEqual({ ok: false, id: undefined });
  });
});
