// The test and development rig: a real pcscd whose vpcd driver waits for a virtual card on two TCP ports.
// Tests start a private one per file; `kakanai rig up` starts one on the system socket for a normally-started app.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodelayLibrary } from './nodelay';
import { Pcscd } from './pcscd';
import { RigError } from './rig-error';
import { findFreePortPair } from './tcp-table';

export interface RigOptions {
  /** Default true: its own socket, invisible to other rigs and to the system. false: the system socket path. */
  private?: boolean;
  /** The first vpcd port; default: a free pair. */
  port?: number;
  /** Default true: pcscd runs with the TCP_NODELAY shim (0.3 ms per APDU instead of 44 ms). */
  nodelay?: boolean;
  /** Working folder (config, log, private socket); default a fresh one under the OS temp folder, removed by stop(). */
  dir?: string;
  /** pcscd outlives this process (kakanai rig up); stop it later by pid. */
  detached?: boolean;
}

export interface RigReader {
  /** The name PC/SC lists, e.g. "Virtual PCD 00 00". */
  name: string;
  /** The TCP port a virtual card connects to (127.0.0.1) to be inserted in this reader. */
  port: number;
}

export interface Rig {
  /** pcscd's client socket; put it in PCSCLITE_CSOCK_NAME before the first PC/SC call of a client process. */
  socketPath: string;
  /** The port of the first reader, where a test's virtual card connects. */
  cardPort: number;
  readers: [RigReader, RigReader];
  /** What a client process needs in its environment to reach this rig. */
  env: { PCSCLITE_CSOCK_NAME: string; KAKANAI_VPCD_PORT: string };
  dir: string;
  /** The current pcscd's pid, undefined while it is down. */
  readonly pcscdPid: number | undefined;
  /** SIGTERM pcscd and remove a temporary working folder. */
  stop(): Promise<void>;
  /** SIGKILL pcscd, as a crash: clients lose it, the stale socket stays. */
  killPcscd(): Promise<void>;
  /** Start pcscd again (after killPcscd), same socket and ports. */
  startPcscd(): Promise<void>;
  /** killPcscd() then startPcscd(). */
  restartPcscd(): Promise<void>;
}

export const VIRTUAL_READER_PREFIX = 'Virtual PCD';

export async function startRig(options: RigOptions = {}): Promise<Rig> {
  const privateSocket = options.private ?? true;
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'kakanai-rig-'));
  const preload = options.nodelay === false ? undefined : await nodelayLibrary();
  let port: number;
  let pcscd: Pcscd;
  for (let attempt = 1; ; attempt++) {
    port = options.port ?? (await findFreePortPair());
    pcscd = new Pcscd({ dir, privateSocket, port, preload, detached: options.detached ?? false });
    try {
      await pcscd.start();
      break;
    } catch (e) {
      // Another rig starting at the same moment (a second test worker) can take the free pair first: pick again.
      if (e instanceof RigError && e.code === 'PortsTaken' && options.port === undefined && attempt < 5) continue;
      if (ownDir) rmSync(dir, { recursive: true, force: true });
      throw e;
    }
  }
  return {
    socketPath: pcscd.socketPath,
    cardPort: port,
    readers: [
      { name: `${VIRTUAL_READER_PREFIX} 00 00`, port },
      { name: `${VIRTUAL_READER_PREFIX} 00 01`, port: port + 1 },
    ],
    env: { PCSCLITE_CSOCK_NAME: pcscd.socketPath, KAKANAI_VPCD_PORT: String(port) },
    dir,
    get pcscdPid() {
      return pcscd.pid;
    },
    async stop() {
      await pcscd.stop();
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
    killPcscd: () => pcscd.kill(),
    startPcscd: () => pcscd.start(),
    async restartPcscd() {
      await pcscd.kill();
      await pcscd.start();
    },
  };
}
