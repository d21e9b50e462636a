// kakanai hall init --dir D [--db URL] [--host NAME]… | hall serve --db URL --tls-cert PEM --tls-key PEM [--port N]
// The city-hall server (PostgreSQL). The single-kiosk `npm start` needs none of this.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { HallInitError, initHallDir } from '../hall/init';
import { migrate, SCHEMA_VERSION } from '../hall/migrations';
import { startHallServer } from '../hall/server';

const USAGE =
  '使い方 / usage: kakanai hall init --dir D [--db postgres://…] [--host NAME]… | kakanai hall serve --db URL --tls-cert PEM --tls-key PEM [--port N]';

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        dir: { type: 'string' },
        db: { type: 'string' },
        host: { type: 'string', multiple: true },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        port: { type: 'string' },
      },
    }));
  } catch {
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
    const server = await startHallServer({ db: values.db, cert, key, port });
    console.log(`庁舎サーバー https://0.0.0.0:${server.port}/health / hall server listening on port ${server.port}`);
    await new Promise<void>((resolve) => {
      const stop = (): void => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    return 0;
  }
  console.error(USAGE);
  return 2;
}
