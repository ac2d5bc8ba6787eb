import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectedMinistries } from '../schema/index.js';
import { startStack, type Stack } from '../scripts/stack/index.js';
import { createWitnessKeyFile } from '../witness/index.js';
import { benchWorldNow, benchWorldSeed } from './bench-world.js';
import { benchAccessTokenTtlSeconds, type BenchIdp } from './credential-pool.js';
import { benchIdentityCacheTtlMs } from './warm-identity-cache.js';

/** Shared by the gateway and the subgraphs of the bench stack, and by the bench client that signs for peers. */
export const benchInternalTokenSecret = 'guichet-bench-internal-token-secret-0123456789abcdef';

/** Shared by the bench's audit witness and every Guichet gateway of the run (production refuses the development one). */
const benchWitnessToken = 'guichet-bench-witness-token-0123456789abcdef';

/** The ministry subgraphs (one per connected ministry of the registry): each keeps its outbox in this run's folder. */
const ministrySubgraphs = connectedMinistries.map((m) => m.subgraph.name);

export interface BenchStack {
  readonly stack: Stack;
  /** Outboxes, audit log and IdP key of this run only. */
  readonly dataDir: string;
  /** What every service of the stack starts with. */
  readonly stackEnv: NodeJS.ProcessEnv;
  /** What every Guichet gateway of this run adds (the stack's, and any started beside it). */
  readonly gatewayEnv: NodeJS.ProcessEnv;
  /** The development IdP and its key: the production gateways refuse its marked tokens, so the bench re-signs them. */
  readonly idp: BenchIdp;
}

/**
 * The stack, as deployed: gateway and subgraphs with NODE_ENV=production (trusted documents enforced, production
 * secrets), the identity provider in development (its /dev/token mints the bench's tokens, which the bench signs
 * again without the development mark, as a production provider would issue them: see mintAccessToken), on loopback and
 * ephemeral ports. Rate limits are raised out of the way but stay on, so that their cost is measured. The
 * simulators keep their realistic latency: the bench switches it at run time (PUT /__admin/latency).
 */
/** CEET's API key in the bench's production stack (its simulator, its clients, the room-cost writer). */
export const benchCeetApiKey = 'guichet-bench-ceet-api-key-0123456789';

export async function startBenchStack(options: {
  readonly scale: number;
  /** Extra environment of every service about the world (HEAVY_CITIZENS: all must read the same). */
  readonly worldEnv: Readonly<Record<string, string>>;
  readonly gatewayEnv: Readonly<Record<string, string>>;
  readonly onLine: (service: string, line: string) => void;
}): Promise<BenchStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-bench-'));
  // In production the witness's key is made beforehand, never on start: as an operator would.
  const witnessKeyPath = join(dataDir, 'witness', 'signing-keys.json');
  await createWitnessKeyFile(witnessKeyPath);
  const gatewayEnv: NodeJS.ProcessEnv = {
    RATE_LIMIT_USER_PER_MINUTE: '100000000',
    RATE_LIMIT_CLIENT_PER_MINUTE: '1000000000',
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000000',
    AUDIT_HMAC_KEY: 'guichet-bench-audit-hmac-key-0123456789abcdef',
    ...options.gatewayEnv,
  };
  const stackEnv: NodeJS.ProcessEnv = {
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    SEED: String(benchWorldSeed),
    SCALE: String(options.scale),
    SEED_NOW: benchWorldNow,
    INTERNAL_TOKEN_SECRET: benchInternalTokenSecret,
    // Production refuses development secrets: CEET's simulator and its clients share this one.
    CEET_API_KEY: benchCeetApiKey,
    WITNESS_TOKEN: benchWitnessToken,
    // The webhooks subgraph seals integrators' secrets with it; production refuses the development default.
    WEBHOOKS_SECRET_KEY: 'guichet-bench-webhooks-secret-key-0123456789abcdef',
    AUDIT_LOG_PATH: join(dataDir, 'audit', 'audit.jsonl'),
    // civil-registry's shared identity cache serves every gateway alike: the bench warms it once for every citizen
    // of the rotation before any figure (warm-identity-cache.ts) and keeps it for the run, so every target meets the
    // same warm cache — a returning citizen's dashboard; the warm-up pass reports a first visit's calls.
    IDENTITY_CACHE_TTL_MS: String(benchIdentityCacheTtlMs),
    // At 50 connections a dashboard run keeps more RNEC calls waiting than the default bulkhead queue (64) allows:
    // the subgraph's overload protection would turn into errors and the bench would measure it instead of the gateway.
    ...Object.fromEntries(connectedMinistries.map((m) => [`${m.system.code.toUpperCase()}_BULKHEAD_QUEUE`, '2048'])),
    ...options.worldEnv,
  };
  const idpKeyPath = join(dataDir, 'idp', 'signing-key.json');
  const stack = await startStack({
    ports: 'ephemeral',
    env: stackEnv,
    serviceEnv: {
      idp: { NODE_ENV: 'development', IDP_KEY_PATH: idpKeyPath, IDP_TOKEN_TTL_SECONDS: String(benchAccessTokenTtlSeconds) },
      gateway: gatewayEnv,
      witness: { WITNESS_KEY_PATH: witnessKeyPath },
      ...Object.fromEntries(ministrySubgraphs.map((name) => [name, { OUTBOX_PATH: join(dataDir, 'outbox', `${name}.sqlite`) }])),
    },
    onLine: options.onLine,
  });
  return { stack, dataDir, stackEnv, gatewayEnv, idp: { url: stack.idpUrl, keyPath: idpKeyPath } };
}
