// kakanai admin [--port N] — where the IT staff's admin app is and how to open it.
// kakanai admin set-passphrase — replaced by named staff (kakanai staff add NAME --role it): it says so and stops.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../counter/admin';
import { FileStaffDirectory } from '../counter/staff';
import { DEFAULT_PORT } from '../hosts/web/server';
import { electronBinary, electronMain } from './start';

const USAGE = ['使い方 / usage:', '  kakanai admin [--port N] [--out DIR]', '  kakanai staff add NAME --role it [--stdin] [--out DIR]   (IT staff sign in with their own name and passphrase)'].join('\n');

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
  if (positionals.length === 1 && positionals[0] === 'set-passphrase') {
    // One shared passphrase is gone: each IT staff member signs in with their own, so the audit names a person.
    console.error(
      [
        'kakanai admin set-passphrase は廃止されました。情報担当の職員を一人ずつ登録してください:',
        'kakanai admin set-passphrase is replaced by named staff: add each IT staff member with their own passphrase:',
        `  kakanai staff add NAME --role it${values.out ? ` --out ${values.out}` : ''}${values.stdin ? ' --stdin' : ''}`,
      ].join('\n'),
    );
    return 2;
  }
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
      new FileStaffDirectory(dataDir).list().some((m) => m.role === 'it')
        ? `サインインには職員名と自分のパスフレーズを使います / sign in with your staff name and your own passphrase.`
        : `情報担当の職員が未登録です / no IT staff member yet: kakanai staff add NAME --role it${values.out ? ` --out ${values.out}` : ''}`,
    ].join('\n'),
  );
  return 0;
}
