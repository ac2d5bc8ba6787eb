import { resolve } from 'node:path';
import { dataPath } from '../lib/files/index.js';
import { z } from 'zod';
import { envInt } from '../lib/config/index.js';

/** Environment of a process that runs an outbox; add it to the service's schema with `.extend(outboxEnvSchema.shape)`. */
export const outboxEnvSchema = z.object({
  /** SQLite file, relative to the working directory, or `:memory:` (nothing survives a restart). Default `.data/outbox/<name>.sqlite` at the package root. */
  OUTBOX_PATH: z.string().min(1, 'must not be empty').optional(),
  /** Pause between the forwarder's polls when the queue is drained. */
  OUTBOX_POLL_INTERVAL_MS: envInt(1_000, 10),
  /** How long a delivery may hold a submission before another process takes it over; must exceed the longest delivery. */
  OUTBOX_LEASE_MS: envInt(30_000, 1_000),
});

export type OutboxEnv = z.infer<typeof outboxEnvSchema>;

export interface OutboxConfig {
  readonly path: string;
  readonly pollIntervalMs: number;
  readonly leaseMs: number;
}

/** `name` picks the default file (`electricity` → `.data/outbox/electricity.sqlite`): one file per subgraph. */
export function outboxConfigFromEnv(env: OutboxEnv, name: string): OutboxConfig {
  const path = env.OUTBOX_PATH === undefined ? defaultOutboxPath(name) : env.OUTBOX_PATH === ':memory:' ? ':memory:' : resolve(env.OUTBOX_PATH);
  return { path, pollIntervalMs: env.OUTBOX_POLL_INTERVAL_MS, leaseMs: env.OUTBOX_LEASE_MS };
}

/** `.data/outbox/<name>.sqlite` under the package root, from `outbox/*.ts` as from `dist/outbox/*.js`. */
export function defaultOutboxPath(name: string): string {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`outbox name ${JSON.stringify(name)} is not a plain file name`);
  return dataPath('outbox', `${name}.sqlite`);
}
