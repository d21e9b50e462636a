// The one request loop of every host: a contract's requests, read from text (WebSocket) or from a call (IPC, HTTP),
// checked against the contract's schemas, handed to the service, answered in the one envelope. Who may call is
// decided before this (cookies, sessions, roles, Origin): a host calls in only for a caller it has admitted.
import type { z } from 'zod';
import type { WebSocket } from 'ws';
import type { Contract, RpcResponse } from '../contract/common';

type Schemas = Record<string, z.ZodType>;

export type CheckedRequest<P extends Schemas> = { id: number; name: keyof P & string; params: unknown };

/** The request, or the id to answer `invalid-request` to (undefined when not even an id can be read). */
export function readRequest<P extends Schemas>(contract: Contract<P>, text: string): { ok: true; request: CheckedRequest<P> } | { ok: false; id: number | undefined } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, id: undefined };
  }
  const message = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const id = Number.isSafeInteger(message.id) && (message.id as number) >= 0 ? (message.id as number) : undefined;
  const keys = Object.keys(message);
  const envelope = message.kind === 'request' && id !== undefined && keys.every((k) => k === 'kind' || k === 'id' || k === 'name' || k === 'params');
  if (!envelope || !contract.isName(message.name)) return { ok: false, id };
  if (!checkParams(contract, message.name, message.params)) return { ok: false, id };
  return { ok: true, request: { id, name: message.name, params: message.params } };
}

/** Whether `params` has the shape request `name` takes (a missing params object is not `{}`). */
export function checkParams<P extends Schemas>(contract: Contract<P>, name: keyof P & string, params: unknown): boolean {
  return contract.params[name]!.safeParse(params).success;
}

export interface Answering<F extends { code: string }> {
  /** Runs the request (the service checks the params again itself). */
  call(name: string, params: unknown): Promise<unknown>;
  /** The typed failure of an error; anything unknown is `internal`. */
  failureOf(error: unknown): F;
  /** Names the contract in the log line of an internal failure. */
  label: string;
}

/** Calls the service and wraps its answer; an internal failure is logged by the error's name only. */
export async function answer<F extends { code: string }>(id: number, name: string, params: unknown, how: Answering<F>): Promise<RpcResponse<F>> {
  try {
    return { kind: 'response', id, ok: true, result: await how.call(name, params) };
  } catch (error) {
    const failure = how.failureOf(error);
    // The error's name only: a message could hold anything, and this log must hold nothing of a resident.
    if (failure.code === 'internal') console.error(`${how.label} request ${name} failed (internal: ${(error as Error)?.name ?? typeof error})`);
    return { kind: 'response', id, ok: false, error: failure };
  }
}

export interface SocketServing<P extends Schemas, F extends { code: string }> extends Answering<F> {
  contract: Contract<P>;
  /** Checked before each message: a caller whose session ended is closed with 4401, not answered. */
  admitted(): boolean;
  /** The failure for a malformed request with a readable id. */
  invalid: F;
}

/** The request loop of one admitted WebSocket. Binary frames and unreadable envelopes close it. */
export function serveSocket<P extends Schemas, F extends { code: string }>(ws: WebSocket, how: SocketServing<P, F>): void {
  ws.on('error', () => ws.terminate());
  ws.on('message', (data, isBinary) => {
    if (isBinary) return ws.close(1003, 'text only');
    if (!how.admitted()) return ws.close(4401, 'not admitted');
    const read = readRequest(how.contract, data.toString());
    if (!read.ok) {
      if (read.id === undefined) return ws.close(1008, `not a ${how.label} request`);
      return send(ws, { kind: 'response', id: read.id, ok: false, error: how.invalid });
    }
    const { id, name, params } = read.request;
    void answer(id, name, params, how).then((response) => send(ws, response));
  });
}

/** Sends one message if the socket is still open. */
export function send(ws: WebSocket, message: unknown): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
}

/** Sends one message to every open socket. */
export function broadcast(sockets: Iterable<WebSocket>, message: unknown): void {
  const text = JSON.stringify(message);
  for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
}
