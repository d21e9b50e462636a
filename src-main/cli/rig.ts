// kakanai rig up | status | down: a development rig that outlives the command — pcscd on the system socket (so a
// normally started app finds it) with the TCP_NODELAY shim, and one virtual card (`kakanai card emulate`), both
// detached. What runs is written to .rig/state.json; `down` stops exactly those pids.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { RIG_HOME } from '../../card-reader/rig/nodelay';
import { isAlive, stopProcess } from '../../card-reader/rig/pcscd';
import { RigError } from '../../card-reader/rig/rig-error';
import type { RigErrorCode } from '../../card-reader/rig/rig-error';
import { startRig } from '../../card-reader/rig/rig';
import { findFreePortPair, hasConnectionOn, isListeningOn } from '../../card-reader/rig/tcp-table';
import { isPcscdListening } from '../../card-reader/transport/pcscd-socket';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const STATE_FILE = join(RIG_HOME, 'state.json');
const WORK_DIR = join(RIG_HOME, 'system');
const CARD_LOG = join(WORK_DIR, 'card.log');
/** vpcd's usual port: `kakanai card emulate` and the kiosk's demo mode use it unless told otherwise. */
const USUAL_VPCD_PORT = 0x8c7b;
const DEMO_RESIDENT = 'fixtures/residents/demo.json';
const CARD_INSERT_TIMEOUT_MS = 15_000;
const USAGE = '使い方 / usage: kakanai rig up [--resident FILE | --no-card] | status | down';

interface RigState {
  pcscdPid: number;
  cardPid: number | null;
  port: number;
  socketPath: string;
  resident: string | null;
  startedAt: string;
}

type Sentence = { ja: string; en: string };
const say = (s: Sentence): string => `${s.ja} / ${s.en}`;

const rigErrorSentences: Record<RigErrorCode, Sentence> = {
  PcscdMissing: { ja: 'pcscd がインストールされていません。.ci/setup を実行してください。', en: 'pcscd is not installed; run .ci/setup.' },
  VpcdMissing: { ja: 'vpcd ドライバ（vsmartcard-vpcd）がインストールされていません。', en: 'The vpcd driver (vsmartcard-vpcd) is not installed.' },
  GccMissing: { ja: 'TCP_NODELAY 用のライブラリをビルドするには gcc が必要です。', en: 'gcc is needed to build the TCP_NODELAY shim.' },
  ShimBuildFailed: { ja: 'TCP_NODELAY 用のライブラリをビルドできませんでした。', en: 'The TCP_NODELAY shim failed to build.' },
  NotRoot: { ja: 'pcscd の起動には root 権限が必要です。', en: 'Starting pcscd needs root.' },
  PcscdAlreadyRunning: {
    ja: 'rig 以外の pcscd がすでに動いています。停止してからもう一度実行してください。',
    en: 'A pcscd not started by the rig is already running; stop it and try again.',
  },
  PcscdDidNotStart: { ja: `pcscd が起動しませんでした（${join(WORK_DIR, 'pcscd.log')} を参照）。`, en: `pcscd did not start (see ${join(WORK_DIR, 'pcscd.log')}).` },
  PortsTaken: { ja: 'vpcd のポートが他のプログラムに使われています。', en: "Another program holds vpcd's ports." },
};

export async function run(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'up':
        return await up(rest);
      case 'status':
        return status();
      case 'down':
        return await down();
      default:
        console.error(USAGE);
        return 2;
    }
  } catch (e) {
    if (e instanceof RigError) {
      console.error(say(rigErrorSentences[e.code]));
      return 1;
    }
    throw e;
  }
}

function readState(): RigState | undefined {
  try {
    return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as RigState;
  } catch {
    return undefined;
  }
}

/** A pid from the state file still names the process we started (pids get reused after a reboot). */
function runs(pid: number | null, program: string): pid is number {
  if (pid === null || !isAlive(pid)) return false;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(program);
  } catch {
    return false;
  }
}

async function up(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { resident: { type: 'string' }, 'no-card': { type: 'boolean', default: false } } });
  const existing = readState();
  if (existing && runs(existing.pcscdPid, 'pcscd')) {
    console.log(say({ ja: 'rig はすでに起動しています。', en: 'The rig is already up.' }));
    return status();
  }
  const resident = values['no-card'] ? null : (values.resident ?? DEMO_RESIDENT);
  if (resident !== null && !existsSync(join(REPO, resident)) && !existsSync(resident)) {
    console.error(say({ ja: `住民ファイル ${resident} が見つかりません。`, en: `The resident file ${resident} does not exist.` }));
    return 2;
  }

  mkdirSync(WORK_DIR, { recursive: true });
  const port = await findFreePortPair({ preferred: USUAL_VPCD_PORT });
  const rig = await startRig({ private: false, detached: true, dir: WORK_DIR, port });
  const pcscdPid = rig.pcscdPid!;
  const state: RigState = { pcscdPid, cardPid: null, port, socketPath: rig.socketPath, resident, startedAt: new Date().toISOString() };
  writeFileSync(STATE_FILE, `${JSON.stringify(state, null, 2)}\n`);

  if (resident !== null) {
    const card = await startVirtualCard(resident, port);
    if (card === undefined) {
      await down();
      console.error(say({ ja: `仮想カードを挿入できませんでした（${CARD_LOG} を参照）。`, en: `The virtual card could not be inserted (see ${CARD_LOG}).` }));
      return 1;
    }
    state.cardPid = card;
    writeFileSync(STATE_FILE, `${JSON.stringify(state, null, 2)}\n`);
  }
  if (port !== USUAL_VPCD_PORT) {
    console.log(say({
      ja: `ポート ${USUAL_VPCD_PORT} が使用中のため ${port} を使います。card emulate には --port ${port} を付けてください。`,
      en: `Port ${USUAL_VPCD_PORT} is taken, so the rig uses ${port}; pass --port ${port} to card emulate.`,
    }));
  }
  return status();
}

/** `kakanai card emulate` as a detached child; resolves with its pid once the driver sees the card connected. */
async function startVirtualCard(resident: string, port: number): Promise<number | undefined> {
  const log = openSync(CARD_LOG, 'a');
  const child = spawn(process.execPath, [join(REPO, 'bin', 'kakanai.mjs'), 'card', 'emulate', '--resident', resident, '--port', String(port)], {
    cwd: REPO,
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  child.unref();
  const pid = child.pid;
  if (pid === undefined) return undefined;
  const deadline = Date.now() + CARD_INSERT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return undefined;
    if (hasConnectionOn(port)) return pid;
    await sleep(50);
  }
  await stopProcess(pid);
  return undefined;
}

function status(): number {
  const state = readState();
  if (!state) {
    console.log(say({ ja: 'rig は起動していません。', en: 'The rig is not running.' }));
    return 1;
  }
  const pcscdUp = runs(state.pcscdPid, 'pcscd');
  const readersUp = pcscdUp && isListeningOn(state.pcscdPid, state.port) && isListeningOn(state.pcscdPid, state.port + 1);
  const cardUp = runs(state.cardPid, 'emulate');
  const inserted = cardUp && hasConnectionOn(state.port);
  const mark = (ok: boolean): string => (ok ? '稼働 / up  ' : '停止 / down');
  console.log(`pcscd      ${mark(pcscdUp)}  pid ${state.pcscdPid}, socket ${state.socketPath}`);
  console.log(`readers    ${mark(readersUp)}  "Virtual PCD 00 00" port ${state.port}, "Virtual PCD 00 01" port ${state.port + 1}`);
  if (state.resident === null) console.log('card       なし / none');
  else console.log(`card       ${mark(inserted)}  pid ${state.cardPid ?? '-'}, ${state.resident}${cardUp && !inserted ? ' (not inserted)' : ''}`);
  return pcscdUp && readersUp && (state.resident === null || inserted) ? 0 : 1;
}

async function down(): Promise<number> {
  const state = readState();
  if (!state) {
    console.log(say({ ja: 'rig は起動していません。', en: 'The rig is not running.' }));
    return 0;
  }
  // The card first: pcscd then sees a removal rather than a dead reader.
  if (runs(state.cardPid, 'emulate')) await stopProcess(state.cardPid);
  if (runs(state.pcscdPid, 'pcscd')) await stopProcess(state.pcscdPid);
  // A pcscd that died unclean leaves its socket; the next pcscd refuses to start beside it.
  if (existsSync(state.socketPath) && !(await isPcscdListening(state.socketPath))) rmSync(state.socketPath, { force: true });
  rmSync(STATE_FILE, { force: true });
  console.log(say({ ja: 'rig を停止しました。', en: 'The rig is down.' }));
  return 0;
}
