import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** A private PostgreSQL cluster for one test file: never the system one. */
export interface PgCluster {
  /** Connection string of a fresh database in this cluster. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server at once (as a crash would, `-m immediate`) and starts it again on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Debian ships the server binaries per major version; take the newest that is there. */
export function pgBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error('PG_NOT_INSTALLED');
  return join(root, versions[0]!, 'bin');
}

async function asPostgres(cmd: string, args: string[]): Promise<void> {
  const isRoot = process.getuid?.() === 0;
  if (isRoot) await run('runuser', ['-u', 'postgres', '--', cmd, ...args], { timeout: 60_000 });
  else await run(cmd, args, { timeout: 60_000 });
}

/** initdb into a fresh temp folder (owned by the `postgres` user when we run as root), a private port, the unix
 * socket inside that folder, trust auth for local sockets only. `stop()` removes the whole folder. `statements`: with
 * pg_stat_statements loaded (a bench's profile of the statements). */
export async function startPgCluster(options: { statements?: boolean } = {}): Promise<PgCluster> {
  const bin = pgBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'kakanai-pg-'));
  const data = join(dir, 'data');
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  let started = false;
  const startServer = () =>
    asPostgres(join(bin, 'pg_ctl'), [
      '-D', data, '-w', '-t', '60', '-l', join(dir, 'server.log'), '-o',
      `-p ${port} -k ${dir} -c listen_addresses='' -c fsync=off -c full_page_writes=off${options.statements ? ' -c shared_preload_libraries=pg_stat_statements' : ''}`, 'start',
    ]);
  try {
    if (process.getuid?.() === 0) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: g } = await run('id', ['-g', 'postgres']);
      chownSync(dir, Number(stdout.trim()), Number(g.trim()));
    }
    await asPostgres(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync']);
    await startServer();
    started = true;
  } catch (err) {
    if (started) await asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const url = (db: string): string => `postgres://postgres@/${db}?host=${encodeURIComponent(dir)}&port=${port}`;
  return {
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/[^a-z0-9_]/g, '')}"`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async restart() {
      await asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      await startServer();
    },
    async stop() {
      try {
        await asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
