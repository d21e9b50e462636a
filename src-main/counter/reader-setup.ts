// Which pcscd the kiosk talks to. A real reader wins; without one, the demo: the demo resident's virtual card on the
// system pcscd's vpcd reader, or on a private rig when no pcscd runs. libpcsclite binds a process to the first pcscd
// it talks to, so the choice is made once, before the counter service starts.
import { existsSync } from 'node:fs';
import { VIRTUAL_READER_PREFIX, startRig } from '../../card-reader/rig/rig';
import { clientSocketPath, isPcscdListening } from '../../card-reader/transport/pcscd-socket';
import { PcscReaderService } from '../../card-reader/transport/pcsc';
import { runEmulator } from '../../card-reader/virtual-card/emulate';
import { residentFixturePath } from '../../card-reader/virtual-card/resident-fixture';
import { VPCD_DEFAULT_PORT } from '../../card-reader/virtual-card/vpcd-client';

export interface ReaderSetup {
  socketPath: string;
  /** The virtual card with the demo resident: the screen shows DEMO. */
  demo: boolean;
  /** Use only this reader (the demo card's), else the first one holding a card. */
  readerName?: string;
  /** One line for the terminal: what was chosen. */
  summary: string;
  /** Takes the demo card off and stops a rig this setup started. */
  stop(): Promise<void>;
}

/** `auto`: a real reader if one is attached, else the demo. `demo`: the demo even beside a real reader. `system`: as configured, no demo. */
export async function setUpReader(mode: 'auto' | 'demo' | 'system'): Promise<ReaderSetup> {
  const socketPath = clientSocketPath();
  const nothing = async () => {};
  const listening = existsSync(socketPath) && (await isPcscdListening(socketPath));
  if (mode === 'system') {
    return { socketPath, demo: false, summary: listening ? `pcscd: ${socketPath}` : `pcscd is not running (${socketPath}); waiting for it`, stop: nothing };
  }
  if (listening) {
    const names = await readerNames(socketPath);
    const real = names.filter((n) => !n.startsWith(VIRTUAL_READER_PREFIX));
    if (mode === 'auto' && real.length > 0) return { socketPath, demo: false, summary: `card reader: ${real.join(', ')}`, stop: nothing };
    const virtual = names.find((n) => n.startsWith(VIRTUAL_READER_PREFIX));
    if (!virtual) return { socketPath, demo: false, summary: 'no card reader is attached, and pcscd has no virtual reader for the demo', stop: nothing };
    const port = Number(process.env['KAKANAI_VPCD_PORT'] ?? VPCD_DEFAULT_PORT);
    const card = runEmulator({ residentFile: residentFixturePath('demo'), port });
    await card.inserted;
    return { socketPath, demo: true, readerName: virtual, summary: `DEMO: the demo resident's virtual card on "${virtual}" (system pcscd)`, stop: card.stop };
  }
  const rig = await startRig({ private: true });
  const card = runEmulator({ residentFile: residentFixturePath('demo'), port: rig.cardPort });
  await card.inserted;
  return {
    socketPath: rig.socketPath,
    demo: true,
    readerName: rig.readers[0].name,
    summary: `DEMO: no pcscd was running; a private rig holds the demo resident's virtual card`,
    async stop() {
      await card.stop();
      await rig.stop();
    },
  };
}

/** Every reader pcscd lists, after giving it a moment to report them all. */
async function readerNames(socketPath: string): Promise<string[]> {
  const readers = new PcscReaderService({ socketPath });
  try {
    await readers.waitForReader({ timeoutMs: 1500 }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    return readers.readers().map((r) => r.name);
  } finally {
    await readers.close();
  }
}
