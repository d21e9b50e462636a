import { createServer, connect } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { findFreePortPair, hasConnectionOn, isListeningOn, isPortListening } from './tcp-table';

const opened: (Server | Socket)[] = [];
afterEach(async () => {
  for (const h of opened.splice(0).reverse()) {
    if ('destroy' in h) h.destroy();
    else await new Promise((resolve) => h.close(resolve));
  }
});

async function listen(): Promise<number> {
  const server = createServer((socket) => opened.push(socket));
  opened.push(server);
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  return (server.address() as AddressInfo).port;
}

describe('the TCP table', () => {
  it('sees a port this process listens on, as ours and not as another pid\'s', async () => {
    const port = await listen();
    expect(isPortListening(port)).toBe(true);
    expect(isListeningOn(process.pid, port)).toBe(true);
    expect(isListeningOn(1, port)).toBe(false);
  });

  it('sees a connection to a listening port, as a virtual card inserted', async () => {
    const port = await listen();
    expect(hasConnectionOn(port)).toBe(false);
    const client = connect(port, '127.0.0.1');
    opened.push(client);
    await new Promise((resolve) => client.once('connect', resolve));
    expect(hasConnectionOn(port)).toBe(true);
  });

  it('finds two consecutive free ports, skipping a taken preferred one', async () => {
    const taken = await listen();
    const port = await findFreePortPair({ preferred: taken });
    expect(port).not.toBe(taken);
    expect(isPortListening(port) || isPortListening(port + 1)).toBe(false);
  });
});
