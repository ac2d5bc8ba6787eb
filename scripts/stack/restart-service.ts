import { setTimeout as sleep } from 'node:timers/promises';
import { spawnService, type SpawnedService, type SpawnOptions } from './spawn-service.js';

/** Sends `signal` to a service's process and resolves once it has exited (at once if it already has). */
export async function killService(service: SpawnedService, signal: NodeJS.Signals): Promise<void> {
  const { child } = service;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await exited;
}

/**
 * Spawns a service again on a given port. The port was the service's own a moment ago, but the kernel may hold it
 * briefly after a crash (or, rarely, hand it to another process meanwhile): a few attempts, a short pause apart.
 */
export async function respawnOnPort(options: SpawnOptions, port: string, attempts = 5): Promise<SpawnedService> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    try {
      return await spawnService({ ...options, env: { ...options.env, PORT: port } });
    } catch (error) {
      lastError = error;
      await sleep(200 * attempt);
    }
  }
  throw lastError instanceof Error ? lastError : new Error(`${options.name} could not restart on port ${port}`);
}
