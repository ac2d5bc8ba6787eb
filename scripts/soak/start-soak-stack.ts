import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectedMinistries } from '../../schema/index.js';
import { startScaledStack, startStack, type ScaledStack, type Stack } from '../stack/index.js';
import type { SoakOptions } from './soak-options.js';

/** The ministry subgraphs (one per connected ministry of the registry): each keeps an outbox, each is a kill target. */
export const ministrySubgraphs: readonly string[] = connectedMinistries.map((m) => m.subgraph.name);

export interface SoakStack {
  readonly stack: Stack;
  /** The same stack, when scaled (`--scaled`). */
  readonly scaled?: ScaledStack;
  /** What the killer may strike. */
  readonly targets: KillTargets;
  /** Outboxes, audit log and IdP key of this run only. */
  readonly dataDir: string;
}

/** The services a kill may take, by kind. */
export interface KillTargets {
  readonly gateways: readonly string[];
  readonly subgraphs: readonly string[];
  /** Shared servers (`redis`, `postgres`): scaled only. */
  readonly servers: readonly string[];
}

/** Anonymous requests per minute in the scaled soak: the limit whose global enforcement across gateways it checks. */
export const scaledAnonymousLimitPerMinute = 60;

/** Short, so that an open circuit, a crashed owner's lease or a slow legacy call costs seconds, not minutes. */
const perSystem = (prefix: string): NodeJS.ProcessEnv => ({
  [`${prefix}_TIMEOUT_MS`]: '1000',
  [`${prefix}_DEADLINE_MS`]: '2500',
  [`${prefix}_BREAKER_HALF_OPEN_AFTER_MS`]: '500',
});

/**
 * A stack of its own for the soak, on loopback and ephemeral ports (a restarted service takes its first port
 * again), with its data in a fresh temporary folder: killing its processes disturbs nothing else.
 */
export async function startSoakStack(
  options: SoakOptions,
  world: { readonly seed: number; readonly scale: number; readonly now: string },
  onLine: (service: string, line: string) => void,
): Promise<SoakStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-soak-'));
  const env: NodeJS.ProcessEnv = {
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    // Info: the forwarders' deliveries and lease warnings are counted from the logs.
    LOG_LEVEL: 'info',
    SEED: String(world.seed),
    SCALE: String(world.scale),
    SEED_NOW: world.now,
    LATENCY_MEDIAN_MS: String(options.latencyMs[0]),
    LATENCY_P95_MS: String(options.latencyMs[1]),
    INTERNAL_TOKEN_SECRET: 'soak-internal-token-secret-0123456789abcdef',
    IDP_KEY_PATH: join(dataDir, 'idp', 'signing-key.json'),
    RATE_LIMIT_USER_PER_MINUTE: '1000000',
    RATE_LIMIT_CLIENT_PER_MINUTE: '10000000',
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: options.scaled ? String(scaledAnonymousLimitPerMinute) : '1000000',
    SUBGRAPH_TIMEOUT_MS: '10000',
    OUTBOX_POLL_INTERVAL_MS: '250',
    // Longer than the longest delivery (RNEC: find, act check, filing — each within its deadline), as it must be.
    OUTBOX_LEASE_MS: '15000',
    ...Object.assign({}, ...connectedMinistries.map((m) => perSystem(m.system.code.toUpperCase()))),
    ...options.stackEnv,
  };
  if (options.scaled) {
    // Outboxes, the trail and the read model live in the run's PostgreSQL; rate limits and shared reads in its Redis.
    const scaled = await startScaledStack({ ports: 'ephemeral', env, onLine });
    const replicas = (names: readonly string[]) => names.flatMap((name) => scaled.replicasOf(name));
    return { stack: scaled, scaled, dataDir, targets: { gateways: scaled.replicasOf('gateway'), subgraphs: replicas(ministrySubgraphs), servers: ['redis', 'postgres'] } };
  }
  const stack = await startStack({
    ports: 'ephemeral',
    serviceEnv: Object.fromEntries(ministrySubgraphs.map((name) => [name, { OUTBOX_PATH: join(dataDir, 'outbox', `${name}.sqlite`), ...options.stackEnv }])),
    // The run's documents store, shared by the gateway (uploads) and energy-mines (filing, forwarding): never .data/.
    env: { ...env, AUDIT_LOG_PATH: join(dataDir, 'audit', 'audit.jsonl'), DOCUMENTS_PATH: join(dataDir, 'documents'), ...options.stackEnv },
    onLine,
  });
  return { stack, dataDir, targets: { gateways: ['gateway'], subgraphs: ministrySubgraphs, servers: [] } };
}
