// Reads the kernel's TCP tables (/proc/net/tcp, tcp6) to see who listens on the vpcd ports and whether a virtual
// card is connected, without opening a connection (a connection to the vpcd port *is* a card insertion).
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';

const LISTEN = '0A';
const ESTABLISHED = '01';

interface TcpEntry { localPort: number; state: string; inode: string }

function tcpEntries(): TcpEntry[] {
  const entries: TcpEntry[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      const local = f[1];
      const state = f[3];
      const inode = f[9];
      if (!local || !state || !inode) continue;
      entries.push({ localPort: parseInt(local.split(':')[1] ?? '', 16), state, inode });
    }
  }
  return entries;
}

function socketInodesOf(pid: number): Set<string> {
  const inodes = new Set<string>();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m?.[1]) inodes.add(m[1]);
      } catch {
        // the fd closed while we looked
      }
    }
  } catch {
    // the process is gone
  }
  return inodes;
}

/** True when `pid` itself holds a listening socket on `port` (so a port taken by someone else does not count). */
export function isListeningOn(pid: number, port: number): boolean {
  const owned = socketInodesOf(pid);
  return tcpEntries().some((e) => e.localPort === port && e.state === LISTEN && owned.has(e.inode));
}

/** True when anyone listens on `port`. */
export function isPortListening(port: number): boolean {
  return tcpEntries().some((e) => e.localPort === port && e.state === LISTEN);
}

/** True when a TCP connection to local port `port` is established: for a vpcd port, a virtual card is inserted. */
export function hasConnectionOn(port: number): boolean {
  return tcpEntries().some((e) => e.localPort === port && e.state === ESTABLISHED);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Two consecutive free ports (vpcd listens on PORT and PORT+1). `preferred` first, then random ones from `from`. */
export async function findFreePortPair(options: { preferred?: number; from?: number; span?: number } = {}): Promise<number> {
  const from = options.from ?? 0xb27b;
  const span = options.span ?? 4000;
  const candidates = options.preferred === undefined ? [] : [options.preferred];
  for (let i = 0; i < 40; i++) candidates.push(from + 2 * Math.floor((Math.random() * span) / 2));
  for (const port of candidates) {
    if ((await canListen(port)) && (await canListen(port + 1))) return port;
  }
  throw new Error(`no two consecutive free TCP ports found near ${from}`);
}
