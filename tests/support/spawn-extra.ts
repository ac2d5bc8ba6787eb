import { fileURLToPath } from 'node:url';
import { spawnService, type SpawnedService } from '../../scripts/stack/spawn-service.js';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

export interface ExtraService extends SpawnedService {
  /** Every line the process printed so far (pino JSON or plain text). */
  readonly lines: string[];
}

/** Spawns one more process of the stack from dist/, capturing its log lines. */
export async function spawnExtra(name: string, entry: string, env: NodeJS.ProcessEnv): Promise<ExtraService> {
  const lines: string[] = [];
  const spawned = await spawnService({
    name,
    entryPath: `${dist}${entry}`,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', ...env },
    onLine: (_name, line) => {
      lines.push(line);
      if (process.env.STACK_LOGS) process.stderr.write(`[${name}] ${line}\n`);
    },
  });
  return Object.assign(spawned, { lines });
}
