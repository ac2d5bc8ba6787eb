import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ServerProcess {
  readonly child: ChildProcess;
  /** The last lines it printed, for an error message. */
  readonly recent: () => string;
  /** Resolves when the process has exited (at once if it already has). */
  readonly exited: () => Promise<void>;
  readonly running: () => boolean;
}

/** Spawns a server binary, keeping its last output lines; `onLine` sees every line (stdout and stderr). */
export function spawnServerProcess(
  command: string,
  args: readonly string[],
  options: { readonly name: string; readonly onLine?: (name: string, line: string) => void; readonly env?: NodeJS.ProcessEnv; readonly uid?: number; readonly gid?: number },
): ServerProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env, uid: options.uid, gid: options.gid });
  const lines: string[] = [];
  const onData = (line: string) => {
    lines.push(line);
    if (lines.length > 40) lines.shift();
    options.onLine?.(options.name, line);
  };
  if (child.stdout) createInterface({ input: child.stdout }).on('line', onData);
  if (child.stderr) createInterface({ input: child.stderr }).on('line', onData);
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', (error) => onData(`spawn error: ${error.message}`));
  return {
    child,
    recent: () => lines.join('\n'),
    exited: () => done,
    running: () => child.exitCode === null && child.signalCode === null,
  };
}

/** Polls `ready` until it holds, the process exits, or `timeoutMs` passes. */
export async function waitUntilReady(server: ServerProcess, what: string, ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!server.running()) throw new Error(`${what} exited before it was ready:\n${server.recent()}`);
    if (await ready().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} was not ready within ${timeoutMs} ms:\n${server.recent()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Sends `signal`, then SIGKILL after `graceMs`; resolves once the process is gone. */
export async function stopServerProcess(server: ServerProcess, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  if (!server.running()) return;
  server.child.kill(signal);
  const timer = setTimeout(() => server.child.kill('SIGKILL'), graceMs);
  await server.exited();
  clearTimeout(timer);
}
