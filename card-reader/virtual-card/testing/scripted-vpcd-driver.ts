// A scripted stand-in for the vpcd reader driver, for unit tests of the card side: it listens on loopback, accepts
// the card, writes whatever bytes a test gives it (whole, split or coalesced frames) and collects the answers.

import { createServer, type Server, type Socket } from 'node:net';
import { VpcdFrameReader, vpcdFrame } from '../vpcd-client';

const hexOf = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0').toUpperCase()).join(' ');

export class ScriptedDriver {
  readonly server: Server;
  readonly connections: Socket[] = [];
  #reader = new VpcdFrameReader();
  #answers: Uint8Array[] = [];
  #waiters: (() => void)[] = [];

  constructor() {
    this.server = createServer((socket) => {
      this.connections.push(socket);
      this.#reader = new VpcdFrameReader();
      socket.on('data', (chunk) => {
        this.#answers.push(...this.#reader.push(chunk));
        this.#waiters.splice(0).forEach((w) => w());
      });
      socket.on('close', () => this.#waiters.splice(0).forEach((w) => w()));
      this.#waiters.splice(0).forEach((w) => w());
    });
  }

  listen(port = 0): Promise<number> {
    return new Promise((resolve) => this.server.listen(port, '127.0.0.1', () => resolve((this.server.address() as { port: number }).port)));
  }

  get socket(): Socket {
    const s = this.connections.at(-1);
    if (!s) throw new Error('no card connected');
    return s;
  }

  async until(condition: () => boolean): Promise<void> {
    while (!condition()) await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  /** Sends raw bytes (possibly several frames, possibly half of one) and waits for `count` answers. */
  async exchange(wire: Uint8Array, count: number): Promise<Uint8Array[]> {
    this.socket.write(wire);
    await this.until(() => this.#answers.length >= count || this.socket.destroyed || this.socket.readableEnded);
    return this.#answers.splice(0, count);
  }

  async transmit(apdu: Uint8Array): Promise<string> {
    const [answer] = await this.exchange(vpcdFrame(apdu), 1);
    return answer ? hexOf(answer) : '(none)';
  }

  close(): Promise<void> {
    for (const s of this.connections) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
