import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface SpawnedService {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  readonly name: string;
  readonly entryPath: string;
  readonly env: NodeJS.ProcessEnv;
  /** Receives every log line the service prints (JSON from pino, or plain text). */
  readonly onLine: (name: string, line: string) => void;
  readonly startTimeoutMs?: number;
  /** Node flags before the entry (those NODE_OPTIONS refuses, such as `--cpu-prof`). Default none. */
  readonly execArgv?: readonly string[];
}

/** Starts one service process and resolves once it logged `listening` with its URL. */
export function spawnService({ name, entryPath, env, onLine, startTimeoutMs = 60_000, execArgv = [] }: SpawnOptions): Promise<SpawnedService> {
  const child = spawn(process.execPath, [...execArgv, entryPath], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (graceMs = 5_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const recent: string[] = [];
    const timer = setTimeout(() => {
      void stop(0);
      reject(new Error(`${name} did not start within ${startTimeoutMs} ms:\n${recent.join('\n')}`));
    }, startTimeoutMs);
    const onData = (line: string) => {
      recent.push(line);
      if (recent.length > 20) recent.shift();
      onLine(name, line);
      const url = listeningUrl(line);
      if (url) {
        clearTimeout(timer);
        resolve({ name, url, child, stop });
      }
    };
    createInterface({ input: child.stdout! }).on('line', onData);
    createInterface({ input: child.stderr! }).on('line', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${signal ?? code}) before listening:\n${recent.join('\n')}`));
    });
  });
}

function listeningUrl(line: string): string | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const entry = JSON.parse(line) as { msg?: unknown; url?: unknown };
    return entry.msg === 'listening' && typeof entry.url === 'string' ? entry.url : undefined;
  } catch {
    return undefined;
  }
}
