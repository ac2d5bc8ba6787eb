import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.js';
import { spawnServerProcess, stopServerProcess, waitUntilReady, type ServerProcess } from './server-process.js';

export interface PostgresServerOptions {
  /** Default: a free loopback port. */
  readonly port?: number;
  readonly onLine?: (name: string, line: string) => void;
  /** Extra `-c name=value` settings. */
  readonly settings?: Readonly<Record<string, string>>;
  readonly startTimeoutMs?: number;
}

export interface PostgresServer {
  readonly port: number;
  readonly dataDir: string;
  /** `postgres://guichet@127.0.0.1:<port>/<database>` (trust authentication on loopback: a test server). */
  urlOf(database: string): string;
  /** Creates a database (a test's own, on the shared server) and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Fast shutdown (SIGINT: sessions ended, a checkpoint written) — or `immediate` (SIGQUIT: recovery on restart). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  readonly running: () => boolean;
  /** Stops it and removes its data directory. */
  destroy(): Promise<void>;
}

/** The newest PostgreSQL's binaries from the distribution's packages (Debian: /usr/lib/postgresql/<major>/bin). */
export function postgresBinDir(): string {
  const fromEnv = process.env.PG_BIN_DIR;
  if (fromEnv) return fromEnv;
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const major of majors) if (existsSync(join(root, major, 'bin', 'postgres'))) return join(root, major, 'bin');
  throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql: run scripts/install-test-servers.sh (or set PG_BIN_DIR)');
}

/** PostgreSQL refuses to run as root: as root, the server runs as the `postgres` system user (or `nobody`). */
function serverIdentity(): { readonly uid: number; readonly gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n');
  for (const user of ['postgres', 'nobody']) {
    const fields = passwd.find((line) => line.startsWith(`${user}:`))?.split(':');
    if (fields?.[2] && fields[3]) return { uid: Number(fields[2]), gid: Number(fields[3]) };
  }
  throw new Error('running as root and no unprivileged user (postgres, nobody) to run PostgreSQL as');
}

const superuser = 'guichet';

/**
 * A real PostgreSQL server of the distribution, in a fresh temporary directory, on a loopback port: `initdb`, then
 * `postgres` as a direct child (so that signals reach it). fsync off: the data only has to survive the server's own
 * restarts (fast or immediate shutdown), not the machine's.
 */
export async function startPostgresServer(options: PostgresServerOptions = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  const identity = serverIdentity();
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-pg-'));
  if (identity) chownSync(dataDir, identity.uid, identity.gid);
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', TZ: 'UTC' };
  execFileSync(join(bin, 'initdb'), ['-D', dataDir, '-U', superuser, '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], { ...identity, env, stdio: 'pipe' });
  const port = options.port ?? (await freePort());
  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: dataDir,
    fsync: 'off',
    full_page_writes: 'off',
    max_connections: '300',
    log_min_messages: 'warning',
    ...options.settings,
  };
  const args = ['-D', dataDir, '-p', String(port), ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])];
  const urlOf = (database: string) => `postgres://${superuser}@127.0.0.1:${port}/${database}`;
  let server: ServerProcess | undefined;

  const accepts = async () => {
    const client = new pg.Client({ connectionString: urlOf('postgres'), connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  const start = async () => {
    if (server?.running()) return;
    server = spawnServerProcess(join(bin, 'postgres'), args, { name: 'postgres', onLine: options.onLine, env, ...identity });
    await waitUntilReady(server, `PostgreSQL on port ${port}`, accepts, options.startTimeoutMs ?? 30_000);
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    if (server) await stopServerProcess(server, mode === 'fast' ? 'SIGINT' : 'SIGQUIT', 30_000);
  };
  await start();
  return {
    port,
    dataDir,
    urlOf,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name ${JSON.stringify(name)} is not a plain identifier`);
      const client = new pg.Client({ connectionString: urlOf('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return urlOf(name);
    },
    stop,
    start,
    running: () => server?.running() ?? false,
    async destroy() {
      await stop('fast');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
