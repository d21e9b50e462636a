// kakanai admin [--port N] — where the IT staff's admin app is and how to open it.
// kakanai admin set-passphrase [--out DIR] [--stdin] — sets the admin passphrase: read without echo (twice on a
// terminal) or as one line of standard input, at least 12 characters, stored only as a scrypt hash in
// <DIR>/config.json (mode 0600). Every admin session signed in before keeps running until it expires.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  defaultDataDir,
  DesignerStore,
  hashPassphrase,
  MIN_PASSPHRASE_LENGTH,
  passphraseProblem,
  storedPassphraseHash,
  writePassphraseHash,
} from '../counter/admin';
import { DEFAULT_PORT } from '../hosts/web/server';
import { readSecret } from './secret-input';
import { electronBinary, electronMain } from './start';

const USAGE = ['使い方 / usage:', '  kakanai admin [--port N] [--out DIR]', '  kakanai admin set-passphrase [--out DIR] [--stdin]'].join('\n');

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { port: { type: 'string' }, out: { type: 'string' }, stdin: { type: 'boolean' } } });
  } catch {
    console.error(USAGE);
    return 2;
  }
  const { values, positionals } = parsed;
  const dataDir = values.out ?? defaultDataDir;
  if (positionals.length === 1 && positionals[0] === 'set-passphrase' && values.port === undefined) return setPassphrase(dataDir, values.stdin ?? false);
  if (positionals.length > 0 || values.stdin) {
    console.error(USAGE);
    return 2;
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(USAGE);
    return 2;
  }
  // Where the Electron kiosk is installed, it opens the admin window itself (a running kiosk gets the request).
  const electron = electronBinary();
  if (electron && existsSync(electronMain)) {
    const child = spawn(electron, [electronMain, '--admin'], { stdio: 'ignore', detached: true, env: { ...process.env, KAKANAI_PORT: String(port) } });
    child.unref();
    console.error('管理画面を開いています / opening the admin window of the Electron kiosk');
    return 0;
  }
  console.log(`http://127.0.0.1:${port}/admin`);
  console.error(
    [
      `管理画面は kakanai serve（または kakanai start のブラウザ版）が動いている間、この PC のブラウザで開けます。`,
      `The admin app is served by the running kiosk (kakanai serve, or kakanai start's browser host): open the URL above in a browser on this PC.`,
      storedPassphraseHash(dataDir)
        ? `サインインには職員名と管理用パスフレーズを使います / sign in with your name and the admin passphrase.`
        : `パスフレーズが未設定です。先に設定してください / no passphrase is set yet: kakanai admin set-passphrase${values.out ? ` --out ${values.out}` : ''}`,
    ].join('\n'),
  );
  return 0;
}

async function setPassphrase(dataDir: string, fromStdin: boolean): Promise<number> {
  const onTerminal = !fromStdin && process.stdin.isTTY === true;
  let passphrase: string;
  try {
    passphrase = await readSecret(`管理用パスフレーズ（${MIN_PASSPHRASE_LENGTH} 文字以上） / admin passphrase (${MIN_PASSPHRASE_LENGTH}+ characters): `, !onTerminal);
    if (passphraseProblem(passphrase)) {
      console.error(`短すぎます。${MIN_PASSPHRASE_LENGTH} 文字以上にしてください / too short: at least ${MIN_PASSPHRASE_LENGTH} characters`);
      return 1;
    }
    if (onTerminal) {
      const again = await readSecret('もう一度 / again: ', false);
      if (again !== passphrase) {
        console.error('一致しません。変更していません / the two entries differ: nothing changed');
        return 1;
      }
    }
  } catch {
    console.error('中止しました / cancelled');
    return 1;
  }
  let file: string;
  try {
    file = writePassphraseHash(dataDir, await hashPassphrase(passphrase));
  } catch (e) {
    console.error(`設定ファイルを書けません / cannot write the config in ${dataDir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).name})`);
    return 1;
  }
  const store = new DesignerStore(join(dataDir, 'designer.db'));
  try {
    store.audit({ who: 'kakanai admin', action: 'set-passphrase' });
  } finally {
    store.close();
  }
  console.log(`パスフレーズを設定しました / passphrase set (scrypt hash in ${file})`);
  return 0;
}
