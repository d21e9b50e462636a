// kakanai staff add NAME --role clerk|it [--stdin] [--out DIR] — a named clerk or IT staff member with their own
// passphrase: read without echo (twice on a terminal) or as one line of standard input, never from argv; stored only
// as a scrypt hash in <DIR>/staff.json (mode 0600). Adding a name again replaces its role and passphrase.
// kakanai staff list [--out DIR] — names and roles. kakanai staff remove NAME [--out DIR] — their sessions end at
// their next request.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir, DesignerStore, hashPassphrase, MIN_PASSPHRASE_LENGTH, passphraseProblem } from '../counter/admin';
import { FileStaffDirectory, staffName, STAFF_ROLES, type StaffRole } from '../counter/staff';
import { readSecret } from './secret-input';

const USAGE = [
  '使い方 / usage:',
  '  kakanai staff add NAME --role clerk|it [--stdin] [--out DIR]',
  '  kakanai staff list [--out DIR]',
  '  kakanai staff remove NAME [--out DIR]',
  '  NAME: a-z 0-9 . _ - (1–32), e.g. tanaka.h',
].join('\n');

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { role: { type: 'string' }, out: { type: 'string' }, stdin: { type: 'boolean' } } });
  } catch {
    console.error(USAGE);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, name, ...rest] = positionals;
  const dataDir = values.out ?? defaultDataDir;
  const directory = new FileStaffDirectory(dataDir);
  if (command === 'list' && name === undefined && values.role === undefined && !values.stdin) {
    const staff = directory.list();
    if (staff.length === 0) console.error('職員は登録されていません / no staff yet: kakanai staff add NAME --role clerk|it');
    for (const m of staff) console.log(`${m.name}\t${m.role}`);
    return 0;
  }
  if (rest.length > 0 || name === undefined || (command !== 'add' && command !== 'remove')) {
    console.error(USAGE);
    return 2;
  }
  const who = staffName(name);
  if (who === undefined) {
    console.error(`職員名に使えない文字があります / not a staff name: use a-z 0-9 . _ - (1–32)\n${USAGE}`);
    return 2;
  }
  if (command === 'remove') {
    if (values.role !== undefined || values.stdin) {
      console.error(USAGE);
      return 2;
    }
    if (!directory.remove(who)) {
      console.error(`登録されていません / no such staff member: ${who}`);
      return 1;
    }
    audit(dataDir, 'staff-remove', who);
    console.log(`削除しました / removed ${who}`);
    return 0;
  }
  const role = values.role as StaffRole | undefined;
  if (!role || !STAFF_ROLES.includes(role)) {
    console.error(USAGE);
    return 2;
  }
  const passphrase = await askPassphrase(values.stdin ?? false);
  if (passphrase === undefined) return 1;
  try {
    directory.put({ name: who, role, passphraseHash: await hashPassphrase(passphrase), addedAt: Date.now() });
  } catch (e) {
    console.error(`職員ファイルを書けません / cannot write ${directory.file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).name})`);
    return 1;
  }
  audit(dataDir, 'staff-add', `${who} ${role}`);
  console.log(`登録しました / added ${who} (${role}; scrypt hash in ${directory.file})`);
  return 0;
}

/** The passphrase from the terminal without echo (twice), or one line of standard input; undefined when refused. */
export async function askPassphrase(fromStdin: boolean): Promise<string | undefined> {
  const onTerminal = !fromStdin && process.stdin.isTTY === true;
  try {
    const passphrase = await readSecret(`パスフレーズ（${MIN_PASSPHRASE_LENGTH} 文字以上） / passphrase (${MIN_PASSPHRASE_LENGTH}+ characters): `, !onTerminal);
    if (passphraseProblem(passphrase)) {
      console.error(`短すぎます。${MIN_PASSPHRASE_LENGTH} 文字以上にしてください / too short: at least ${MIN_PASSPHRASE_LENGTH} characters`);
      return undefined;
    }
    if (onTerminal && (await readSecret('もう一度 / again: ', false)) !== passphrase) {
      console.error('一致しません。変更していません / the two entries differ: nothing changed');
      return undefined;
    }
    return passphrase;
  } catch {
    console.error('中止しました / cancelled');
    return undefined;
  }
}

function audit(dataDir: string, action: 'staff-add' | 'staff-remove', detail: string): void {
  const store = new DesignerStore(join(dataDir, 'designer.db'));
  try {
    store.audit({ who: 'kakanai staff', action, detail });
  } finally {
    store.close();
  }
}
