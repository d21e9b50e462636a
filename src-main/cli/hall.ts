// kakanai hall init --dir D [--db URL] [--host NAME]… | hall serve --db URL --tls-cert PEM --tls-key PEM [--port N] [--keys DIR]
// kakanai hall enrol --db URL --kind kiosk|desk --site S --name N | hall revoke --db URL --device ID
// kakanai hall staff add NAME --role clerk|it [--site S] --db URL [--stdin]
// kakanai hall publish --db URL <template.json | bundle.json | folder> [--background PDF]
// The city-hall server (PostgreSQL). The single-kiosk `npm start` needs none of this. enrol/revoke/staff work on the
// database directly: how the first desk and the first IT staff member come to exist.
import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { hashPassphrase } from '../counter/admin';
import { QueueError } from '../counter/queue/errors';
import { defaultKeysDir, keyFolderStore } from '../counter/queue/key';
import { staffName } from '../counter/staff';
import { HallInitError, initHallDir } from '../hall/init';
import { migrate, SCHEMA_VERSION } from '../hall/migrations';
import { startHallServer } from '../hall/server';
import { CODE_TTL_MS, newEnrolmentCode, normaliseCode } from '../hall/service';
import { pgStores } from '../hall/stores/pg-stores';
import { askPassphrase } from './staff';
import type { DocumentKind } from '../contract/admin';
import { designerBackgroundPath } from '../counter/admin/backgrounds';
import { describeProblems } from '../counter/admin/publish-checks';
import { PACKAGE_MARK, readPackage } from '../counter/admin/template-package';
import { loadLibrary, repoRoot } from '../forms/load';
import { PublishRefused, TemplatePublishing } from '../hall/template-publishing';

const USAGE = [
  '使い方 / usage:',
  '  kakanai hall init --dir D [--db postgres://…] [--host NAME]…',
  '  kakanai hall serve --db URL --tls-cert PEM --tls-key PEM [--port N] [--keys DIR]',
  '  kakanai hall enrol --db URL --kind kiosk|desk --site S --name N',
  '  kakanai hall revoke --db URL --device ID',
  '  kakanai hall staff add NAME --role clerk|it [--site S] --db URL [--stdin]',
  '  kakanai hall publish --db URL <template.json | bundle.json | templates-folder> [--background PDF]',
].join('\n');

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  let values, positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        keys: { type: 'string' },
        kind: { type: 'string' },
        site: { type: 'string' },
        name: { type: 'string' },
        device: { type: 'string' },
        role: { type: 'string' },
        stdin: { type: 'boolean' },
        dir: { type: 'string' },
        db: { type: 'string' },
        host: { type: 'string', multiple: true },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        port: { type: 'string' },
        background: { type: 'string' },
      },
    }));
  } catch {
    console.error(USAGE);
    return 2;
  }
  if (sub === 'publish') return values.db && positionals.length === 1 ? publishAtHall(values.db, positionals[0]!, values.background) : usage();
  if (positionals.length > 0 && sub !== 'staff') {
    console.error(USAGE);
    return 2;
  }
  if (sub === 'init') {
    if (!values.dir) {
      console.error(USAGE);
      return 2;
    }
    let made;
    try {
      made = await initHallDir(values.dir, values.host?.length ? values.host : ['localhost']);
    } catch (err) {
      if (err instanceof HallInitError) {
        console.error('このフォルダには既に鍵があります。 / This folder already holds keys; choose an empty one.');
        return 1;
      }
      throw err;
    }
    if (values.db) {
      const pool = new pg.Pool({ connectionString: values.db });
      try {
        await migrate(pool);
      } finally {
        await pool.end();
      }
      console.log(`データベースを準備しました (schema ${SCHEMA_VERSION}) / Database migrated to schema ${SCHEMA_VERSION}.`);
    }
    console.log(
      [
        '庁舎サーバーの鍵と証明書を作りました。 / The hall server\'s CA and certificate are ready:',
        `  CA: ${made.caCert}  (install it on each kiosk and desk / 各端末に配布)`,
        `  kakanai hall serve --db <postgres://…> --tls-cert ${made.cert} --tls-key ${made.key}`,
        '  kakanai hall publish --db <postgres://…> templates   (the shipped forms, live for every kiosk / 同梱の様式を公開)',
      ].join('\n'),
    );
    return 0;
  }
  if (sub === 'serve') {
    const port = values.port === undefined ? 8443 : Number(values.port);
    if (!values.db || !values['tls-cert'] || !values['tls-key'] || !Number.isInteger(port) || port < 0 || port > 65535) {
      console.error('HTTPS のみで起動します: --db, --tls-cert, --tls-key が必要です。 / HTTPS only: --db, --tls-cert and --tls-key are required.');
      console.error(USAGE);
      return 2;
    }
    let cert: string, key: string;
    try {
      [cert, key] = [readFileSync(values['tls-cert'], 'utf8'), readFileSync(values['tls-key'], 'utf8')];
    } catch {
      console.error('証明書または鍵のファイルを読めません。 / The certificate or key file cannot be read.');
      return 1;
    }
    const server = await startHallServer({ db: values.db, cert, key, port, keys: keyFolderStore(values.keys ?? defaultKeysDir()) });
    console.log(`庁舎サーバー https://0.0.0.0:${server.port}/health / hall server listening on port ${server.port}`);
    await new Promise<void>((resolve) => {
      const stop = (): void => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    return 0;
  }
  if ((sub === 'enrol' || sub === 'revoke' || sub === 'staff') && values.db) return onDatabase(sub, values.db, values, positionals);
  console.error(USAGE);
  return 2;
}

const SITE = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** enrol, revoke and staff add: straight to the hall's database, through its stores. */
async function onDatabase(
  sub: 'enrol' | 'revoke' | 'staff',
  db: string,
  values: { kind?: string; site?: string; name?: string; device?: string; role?: string; stdin?: boolean },
  positionals: string[],
): Promise<number> {
  const pool = new pg.Pool({ connectionString: db, max: 2 });
  // The queue key is not needed for these: a store that would seal refuses rather than make one here.
  const stores = pgStores(pool, {
    keys: {
      load: () => undefined,
      save: () => {
        throw new QueueError('key-missing');
      },
    },
  });
  try {
    await migrate(pool);
    if (sub === 'enrol') {
      const kind = values.kind;
      if ((kind !== 'kiosk' && kind !== 'desk') || !values.site || !SITE.test(values.site) || !values.name || values.name.length > 64) {
        console.error(USAGE);
        return 2;
      }
      const existing = (await stores.registry.list(values.site)).find((d) => d.kind === kind && d.name === values.name);
      if (existing?.revokedAt) {
        console.error('この端末名は取り消し済みです。別の名前にしてください。 / This device name was revoked; choose another name.');
        return 1;
      }
      const device = existing ?? (await stores.registry.add(kind, values.site, values.name));
      const code = newEnrolmentCode();
      await stores.registry.issueCode(device.id, normaliseCode(code), Date.now() + CODE_TTL_MS);
      console.log(`登録コード / enrolment code: ${code}  (${kind} "${values.name}" @ ${values.site}, 24 時間有効 / valid 24 h, once)`);
      console.log(`  kakanai kiosk join --hall https://<host>:<port> --code ${code} --ca ca.pem   (device ${device.id})`);
      return 0;
    }
    if (sub === 'revoke') {
      if (!values.device || !/^[0-9a-f-]{36}$/.test(values.device)) {
        console.error(USAGE);
        return 2;
      }
      await stores.registry.revoke(values.device, Date.now());
      console.log(`取り消しました / revoked ${values.device}: its next request and open sockets get nothing.`);
      return 0;
    }
    const [command, rawName] = positionals;
    const name = staffName(rawName);
    const role = values.role;
    if (command !== 'add' || name === undefined || (role !== 'clerk' && role !== 'it') || (values.site !== undefined && !SITE.test(values.site))) {
      console.error(USAGE);
      return 2;
    }
    const passphrase = await askPassphrase(values.stdin ?? false);
    if (passphrase === undefined) return 1;
    await stores.staff.put({ name, role, site: values.site ?? null, passphraseHash: await hashPassphrase(passphrase) });
    console.log(`登録しました / added ${name} (${role}${values.site ? `, ${values.site}` : ', every site'}) at the hall`);
    return 0;
  } finally {
    await stores.close();
  }
}

function usage(): number {
  console.error(USAGE);
  return 2;
}

/** Who the hall records for what the command line saved and published. */
const CLI_WHO = 'kakanai hall publish';

/**
 * Saves and makes live, at the hall, one template or bundle file, or every template then every bundle of a folder laid
 * out as templates/ (how a first install gets the city's forms). A document whose newest saved version is the same is
 * not saved again; each is judged by the designer's checks, and a refused one is named with its problems.
 */
async function publishAtHall(db: string, target: string, backgroundFile: string | undefined): Promise<number> {
  let documents: HallDocumentFile[];
  try {
    documents = await readDocuments(target);
    if (backgroundFile !== undefined) {
      if (documents.length !== 1 || documents[0]!.kind !== 'template' || documents[0]!.background) {
        console.error('--background は様式ファイル 1 つにだけ使えます。 / --background goes with one template file only.');
        return 2;
      }
      documents[0]!.background = readFileSync(backgroundFile).toString('base64');
    }
  } catch (e) {
    console.error(`読めません / cannot read ${e instanceof PackageRefused ? `${target}: ${e.message}` : target}`);
    return 1;
  }
  const pool = new pg.Pool({ connectionString: db, max: 2 });
  const stores = pgStores(pool, { keys: { load: () => undefined, save: () => { throw new QueueError('key-missing'); } } });
  const publishing = new TemplatePublishing(stores.templates);
  let failed = 0;
  try {
    await migrate(pool);
    for (const entry of documents) {
      if (entry.background !== undefined) {
        const info = await publishing.addBackground(CLI_WHO, entry.background);
        const doc = entry.document as Record<string, unknown>;
        entry.document = { ...doc, background: { ...((doc['background'] ?? {}) as Record<string, unknown>), pdf: designerBackgroundPath(info.hash) } };
      }
    }
    for (const { kind, file, document } of documents) {
      const saved = await publishing.save(CLI_WHO, kind, document, 'latest', `kakanai hall publish ${basename(file)}`);
      if (!saved.ok) {
        failed += 1;
        console.error(`✗ ${file}: ${saved.issues.map((i) => i.message).join('; ')}`);
        continue;
      }
      const id = (document as { id: string }).id;
      try {
        await publishing.publish(CLI_WHO, kind, id, saved.version);
        console.log(`✓ ${kind} ${id} v${saved.version} ${saved.unchanged ? '(同じ版 / same version) ' : ''}公開 / live`);
      } catch (e) {
        if (!(e instanceof PublishRefused)) throw e;
        failed += 1;
        console.error(`✗ ${kind} ${id} v${saved.version}: ${e.code}${e.problems?.length ? ` — ${describeProblems(e.problems)}` : ''}`);
      }
    }
  } catch (e) {
    if (!(e instanceof PublishRefused)) throw e;
    console.error(`✗ ${backgroundFile ?? target}: ${e.code}`);
    return 1;
  } finally {
    await stores.close();
  }
  return failed === 0 ? 0 : 1;
}

/** A document to send to the hall; `background`: a PDF (base64) the template is to name by its hash. */
interface HallDocumentFile {
  kind: DocumentKind;
  file: string;
  document: unknown;
  background?: string;
}

class PackageRefused extends Error {}

/**
 * One file — a template, a bundle (it lists templates), or a package the designer exported on a kiosk
 * (`<id>-v<n>.kakanai.json`, its background PDF inside) — or a templates/ folder: its forms first, then its bundles.
 */
async function readDocuments(target: string): Promise<HallDocumentFile[]> {
  if (statSync(target).isDirectory()) {
    const lib = loadLibrary(target);
    for (const b of lib.broken) console.error(`✗ ${b.file}: ${b.problems.join('; ')}`);
    const read = (id: string) => JSON.parse(readFileSync(join(repoRoot, lib.files.get(id)!), 'utf8')) as unknown;
    return [
      ...[...lib.templates.keys()].sort().map((id) => ({ kind: 'template' as const, file: lib.files.get(id)!, document: read(id) })),
      ...[...lib.bundles.keys()].sort().map((id) => ({ kind: 'bundle' as const, file: lib.files.get(id)!, document: read(id) })),
    ];
  }
  const text = readFileSync(target, 'utf8');
  const document = JSON.parse(text) as unknown;
  if ((document as { kakanai?: unknown } | null)?.kakanai === PACKAGE_MARK) {
    const pkg = await readPackage(text);
    if (!pkg.ok) throw new PackageRefused(pkg.issues.map((i) => i.message).join('; '));
    return [{ kind: pkg.kind, file: target, document: pkg.document, ...(pkg.background ? { background: Buffer.from(pkg.background.bytes).toString('base64') } : {}) }];
  }
  const isBundle = Array.isArray((document as { templates?: unknown } | null)?.templates);
  return [{ kind: isBundle ? 'bundle' : 'template', file: target, document }];
}
