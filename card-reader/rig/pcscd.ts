// One pcscd process with one vpcd reader pair. Private instances run in their own mount namespace with
// /run/pcscd bound to a folder of their own (pcscd 1.9.9's server path is fixed), so parallel rigs never meet.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SYSTEM_PCSCD_SOCKET, isPcscdListening } from '../transport/pcscd-socket';
import { RigError } from './rig-error';
import { isListeningOn } from './tcp-table';

export const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';
const SYSTEM_RUN_DIR = '/run/pcscd';
const START_TIMEOUT_MS = 5000;
const STOP_TIMEOUT_MS = 3000;

export interface PcscdOptions {
  /** Working folder: the reader config, pcscd's log and, for a private instance, its run/ folder. */
  dir: string;
  /** true: own mount namespace, socket at DIR/run/pcscd.comm. false: the system socket path, found by any client. */
  privateSocket: boolean;
  /** The vpcd driver listens on `port` (reader "… 00 00") and `port + 1` (reader "… 00 01"). */
  port: number;
  /** An LD_PRELOAD library (the TCP_NODELAY shim), or undefined. */
  preload: string | undefined;
  /** Outlive this process (kakanai rig up). Otherwise pcscd gets SIGTERM when this process dies, even by SIGKILL. */
  detached: boolean;
}

function findExecutable(name: string): string | undefined {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/sbin', '/sbin'];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Fails with a RigError naming the missing package; a rig test must never pass without the real stack. */
export function requirePcscStack(): string {
  const pcscd = findExecutable('pcscd');
  if (!pcscd) throw new RigError('PcscdMissing', 'pcscd is not installed (apt-get install --no-install-recommends pcscd)');
  if (!existsSync(VPCD_DRIVER)) throw new RigError('VpcdMissing', `the vpcd driver ${VPCD_DRIVER} is not installed (apt-get install --no-install-recommends vsmartcard-vpcd)`);
  return pcscd;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Signals a process that may not be our child (kakanai rig down) and waits until it is gone. */
export async function stopProcess(pid: number, timeoutMs = STOP_TIMEOUT_MS): Promise<void> {
  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!isAlive(pid)) return;
      await sleep(20);
    }
  }
}

export class Pcscd {
  readonly socketPath: string;
  readonly logPath: string;
  private readonly options: PcscdOptions;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  constructor(options: PcscdOptions) {
    this.options = options;
    this.socketPath = options.privateSocket ? join(options.dir, 'run', 'pcscd.comm') : SYSTEM_PCSCD_SOCKET;
    this.logPath = join(options.dir, 'pcscd.log');
  }

  get pid(): number | undefined {
    return this.child?.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }

  /** Starts pcscd and resolves once it accepts clients and the vpcd driver listens on both ports. */
  async start(): Promise<void> {
    if (this.pid !== undefined) return;
    const pcscd = requirePcscStack();
    const { dir, port, privateSocket } = this.options;
    const runDir = privateSocket ? join(dir, 'run') : SYSTEM_RUN_DIR;
    const config = join(dir, 'conf', 'vpcd');
    mkdirSync(join(dir, 'conf'), { recursive: true });
    mkdirSync(runDir, { recursive: true });
    writeFileSync(config, `FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:0x${port.toString(16).toUpperCase()}\nLIBPATH ${VPCD_DRIVER}\n`);

    if (!privateSocket && (await isPcscdListening(this.socketPath))) {
      throw new RigError('PcscdAlreadyRunning', `a pcscd already listens on ${this.socketPath}`);
    }
    // A pcscd killed with -9 leaves both behind, and the next one refuses to start while they exist.
    rmSync(join(runDir, 'pcscd.comm'), { force: true });
    rmSync(join(runDir, 'pcscd.pid'), { force: true });

    let command = [pcscd, '--foreground', '-c', config];
    if (privateSocket) {
      if (process.getuid?.() !== 0) throw new RigError('NotRoot', 'a private pcscd needs root (it binds its own /run/pcscd in a mount namespace)');
      mkdirSync(SYSTEM_RUN_DIR, { recursive: true });
      command = ['unshare', '--mount', '--', 'sh', '-c', 'mount --bind "$0" /run/pcscd && exec "$@"', runDir, ...command];
    }
    if (!this.options.detached) command = ['setpriv', '--pdeathsig', 'TERM', '--', ...command];

    const env = { ...process.env };
    if (this.options.preload) env['LD_PRELOAD'] = [this.options.preload, env['LD_PRELOAD']].filter(Boolean).join(' ');
    const log = openSync(this.logPath, 'a');
    const [file, ...args] = command as [string, ...string[]];
    const child = spawn(file, args, { env, stdio: ['ignore', log, log], detached: this.options.detached });
    closeSync(log);
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    if (this.options.detached) child.unref();
    await this.waitUntilReady(child);
  }

  private async waitUntilReady(child: ChildProcess): Promise<void> {
    const gone = (): boolean => child.exitCode !== null || child.signalCode !== null;
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!(existsSync(this.socketPath) && (await isPcscdListening(this.socketPath, 200)))) {
      if (gone()) throw new RigError('PcscdDidNotStart', `pcscd exited at start: ${this.logTail()}`);
      if (Date.now() > deadline) {
        await this.kill();
        throw new RigError('PcscdDidNotStart', `pcscd did not open ${this.socketPath} within ${START_TIMEOUT_MS} ms: ${this.logTail()}`);
      }
      await sleep(5);
    }
    const { port } = this.options;
    const portsDeadline = Date.now() + START_TIMEOUT_MS;
    while (!(child.pid !== undefined && isListeningOn(child.pid, port) && isListeningOn(child.pid, port + 1))) {
      if (gone() || Date.now() > portsDeadline) {
        await this.stop();
        throw new RigError('PortsTaken', `pcscd started but its vpcd driver does not listen on ports ${port} and ${port + 1}`);
      }
      await sleep(5);
    }
  }

  private logTail(): string {
    try {
      return readFileSync(this.logPath, 'utf8').trim().split('\n').slice(-3).join(' | ') || '(empty log)';
    } catch {
      return '(no log)';
    }
  }

  /** SIGTERM: pcscd removes its socket and tells its clients. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  /** SIGKILL, as a crash: the stale socket stays behind and clients see the connection drop. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  private async signal(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    const pid = this.pid;
    if (pid === undefined) return;
    if (this.options.detached) return stopProcess(pid);
    this.child?.kill(signal);
    const timedOut = await Promise.race([this.exited.then(() => false), sleep(STOP_TIMEOUT_MS, true, { ref: false })]);
    if (timedOut) {
      this.child?.kill('SIGKILL');
      await this.exited;
    }
  }
}
