// Where pcscd listens for its clients, and whether it really does. A socket file alone proves nothing: a pcscd killed
// with -9 leaves it behind, and creating pcsc() against a dead socket spins the event loop at 100% CPU.
import { connect } from 'node:net';

/** pcsc-lite's fixed server path; a client library reads PCSCLITE_CSOCK_NAME instead when it is set. */
export const SYSTEM_PCSCD_SOCKET = '/run/pcscd/pcscd.comm';

/** The socket this process's PC/SC client library will use (libpcsclite reads the variable once, at first use). */
export function clientSocketPath(env: NodeJS.ProcessEnv = process.env): string {
  return env['PCSCLITE_CSOCK_NAME'] || SYSTEM_PCSCD_SOCKET;
}

/** Resolves true when a pcscd accepts connections on `socketPath`; never rejects. */
export function isPcscdListening(socketPath: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(socketPath);
    const done = (listening: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(listening);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
