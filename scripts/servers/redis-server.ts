import { freePort } from './free-port.js';
import { spawnServerProcess, stopServerProcess, waitUntilReady, type ServerProcess } from './server-process.js';
import { tcpExchange } from './tcp-probe.js';

export interface RedisServerOptions {
  readonly port?: number;
  readonly onLine?: (name: string, line: string) => void;
  readonly startTimeoutMs?: number;
}

export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  /** SIGTERM (graceful), or SIGKILL with `kill`. Nothing is persisted (`--save ''`): a restart starts empty. */
  stop(mode?: 'graceful' | 'kill'): Promise<void>;
  start(): Promise<void>;
  readonly running: () => boolean;
}

/** A real `redis-server` of the distribution on a loopback port, with no persistence (`--save ''`). */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const port = options.port ?? (await freePort());
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no', '--loglevel', 'warning'];
  let server: ServerProcess | undefined;
  const start = async () => {
    if (server?.running()) return;
    server = spawnServerProcess(process.env.REDIS_SERVER_BIN ?? 'redis-server', args, { name: 'redis', onLine: options.onLine });
    await waitUntilReady(server, `Redis on port ${port}`, async () => (await tcpExchange(port, 'PING\r\n')).startsWith('+PONG'), options.startTimeoutMs ?? 15_000);
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop(mode = 'graceful') {
      if (server) await stopServerProcess(server, mode === 'graceful' ? 'SIGTERM' : 'SIGKILL', 10_000);
    },
    start,
    running: () => server?.running() ?? false,
  };
}
