// globalSetup of the `rig` project: one private rig (pcscd + vpcd driver + TCP_NODELAY shim) for the whole run,
// offered to tests through inject('rig'). It throws when pcscd, the vpcd driver or gcc is missing: no rig test may
// pass when the reader stack is unreachable. Files that kill or restart pcscd start a rig of their own instead.
import type { TestProject } from 'vitest/node';
import { startRig } from '../rig/rig';
import type { RigReader } from '../rig/rig';

export interface ProvidedRig {
  /** Set PCSCLITE_CSOCK_NAME to this (or pass it as socketPath) before the first PC/SC call of the test process. */
  socketPath: string;
  /** A virtual card connects to 127.0.0.1:cardPort to be inserted in readers[0]. */
  cardPort: number;
  readers: RigReader[];
  env: Record<string, string>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    rig: ProvidedRig;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const rig = await startRig({ private: true });
  project.provide('rig', { socketPath: rig.socketPath, cardPort: rig.cardPort, readers: rig.readers, env: rig.env });
  return () => rig.stop();
}
