import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LegacySystem } from '../../schema/index.js';
import { freePort, startHaproxy, startPostgresServer, startRedisServer, type HaproxyServer, type PostgresServer, type RedisServer } from '../servers/index.js';
import { legacyServices, stackServices, type StackService } from './service-catalog.js';
import { killService, respawnOnPort } from './restart-service.js';
import { spawnService, type SpawnedService } from './spawn-service.js';
import type { Stack, StackOptions } from './start-stack.js';

export interface ScaledStackOptions extends StackOptions {
  /** Replicas of every subgraph (ministries, dossiers, supervision, webhooks). Default 2. */
  readonly replicas?: number;
  /** Gateway instances, separate processes (one node process each, no cluster workers). Default 2. */
  readonly gateways?: number;
}

/**
 * The scaled deployment on one machine: PostgreSQL and Redis (real servers, this run's own), HAProxy in front of
 * the gateway instances and of each subgraph's replicas, the gateways reaching the subgraphs through it. Services
 * are named by replica (`gateway-1`, `electricity-2`…); `postgres` and `redis` are services too, for `kill` (fast
 * shutdown, SIGKILL) and `restart`.
 */
export interface ScaledStack extends Stack {
  readonly postgres: PostgresServer;
  readonly redis: RedisServer;
  readonly haproxy: HaproxyServer;
  /** The services' database, and the witness's own (the trail's writers cannot reach it). */
  readonly databaseUrl: string;
  readonly witnessDatabaseUrl: string;
  readonly redisUrl: string;
  /** Replica names of a catalogue service (`gateway` → `gateway-1`, `gateway-2`). */
  replicasOf(service: string): readonly string[];
}

const packageRoot = fileURLToPath(new URL('../../', import.meta.url)).replace(/dist\/$/, '');
const distRoot = `${packageRoot}dist/`;

const envName = (name: string) => name.toUpperCase().replaceAll('-', '_');

export async function startScaledStack(options: ScaledStackOptions): Promise<ScaledStack> {
  const replicas = options.replicas ?? 2;
  const gateways = options.gateways ?? 2;
  const onLine = options.onLine ?? (() => undefined);
  const fixed = options.ports === 'fixed';
  const runDir = mkdtempSync(join(tmpdir(), 'guichet-scaled-'));
  const services = new Map<string, SpawnedService>();
  const startEnvs = new Map<string, { readonly service: StackService; readonly env: NodeJS.ProcessEnv }>();
  const replicaNames = new Map<string, string[]>();
  let postgres: PostgresServer | undefined;
  let redis: RedisServer | undefined;
  let haproxy: HaproxyServer | undefined;

  const start = async (service: StackService, name: string, env: NodeJS.ProcessEnv, port: number | 0) => {
    // The port is the stack's choice: a service's PORT (`npm start`'s gateway port) belongs to its balanced frontend.
    const fullEnv: NodeJS.ProcessEnv = { ...process.env, ...options.env, ...env, ...options.serviceEnv?.[service.name], ...options.serviceEnv?.[name], PORT: String(port) };
    if (service.nodeOptions) fullEnv.NODE_OPTIONS = [service.nodeOptions, fullEnv.NODE_OPTIONS].filter(Boolean).join(' ');
    startEnvs.set(name, { service, env: fullEnv });
    const spawned = await spawnService({ name, entryPath: `${distRoot}${service.entry}`, env: fullEnv, onLine });
    services.set(name, spawned);
    return spawned;
  };
  const startReplicas = (service: StackService, count: number, env: NodeJS.ProcessEnv) => {
    const names = Array.from({ length: count }, (_, i) => `${service.name}-${i + 1}`);
    replicaNames.set(service.name, names);
    return Promise.all(names.map((name) => start(service, name, env, 0)));
  };
  const stop = async () => {
    for (const tier of ['gateway', 'subgraph', 'legacy', 'identity', 'witness'] as const) {
      await Promise.all([...startEnvs.entries()].filter(([, s]) => s.service.tier === tier).map(([name]) => services.get(name)?.stop()));
      if (tier === 'gateway') await haproxy?.stop();
    }
    await redis?.stop();
    await postgres?.destroy();
    rmSync(runDir, { recursive: true, force: true });
  };
  const url = (name: string) => services.get(name)?.url ?? '';
  const address = (name: string) => new URL(url(name)).host;

  try {
    [postgres, redis] = await Promise.all([startPostgresServer({ onLine }), startRedisServer({ onLine })]);
    const databaseUrl = await postgres.createDatabase('guichet');
    const witnessDatabaseUrl = await postgres.createDatabase('guichet_witness');
    const base = (service: StackService): number | 0 => (fixed ? service.defaultPort : 0);

    const front = stackServices.filter((s) => s.tier === 'identity' || s.tier === 'witness' || s.tier === 'legacy');
    await Promise.all(front.map((s) => start(s, s.name, s.tier === 'witness' ? { DATABASE_URL: witnessDatabaseUrl, WITNESS_DATA_DIR: join(runDir, 'witness') } : {}, base(s))));
    const origin = (name: string) => new URL(url(name)).origin;
    const legacyUrls = Object.fromEntries(legacyServices.map((s) => [s.legacy.system, origin(s.name)])) as Record<LegacySystem, string>;
    const adapterEnv: Record<string, string> = Object.fromEntries(legacyServices.map((s) => [s.legacy.urlEnv, s.legacy.urlFrom === 'endpoint' ? url(s.name) : origin(s.name)]));

    const subgraphs = stackServices.filter((s) => s.tier === 'subgraph');
    // The balancer's port of each subgraph, chosen before any replica starts: the supervision replicas read the
    // ministry subgraphs' outbox outcomes through it (docs/events.md), and the gateways query every subgraph there.
    const frontPorts = new Map(await Promise.all(subgraphs.map(async (s) => [s.name, fixed ? s.defaultPort : await freePort()] as const)));
    const subgraphUrlEnv: Record<string, string> = Object.fromEntries(subgraphs.map((s) => [`SUBGRAPH_${envName(s.name)}_URL`, `http://127.0.0.1:${frontPorts.get(s.name)}/graphql`]));
    // Proven-fresh status polls (docs/performance.md): each ministry replica follows the supervision frontend's stream,
    // whichever replica it lands on (a follower relays the leader's feed reads).
    const streamEnv = (s: StackService): NodeJS.ProcessEnv => (s.outbox ? { SUBGRAPH_SUPERVISION_URL: subgraphUrlEnv.SUBGRAPH_SUPERVISION_URL } : {});
    await Promise.all(subgraphs.map((s) => startReplicas(s, replicas, { ...adapterEnv, DATABASE_URL: databaseUrl, ...streamEnv(s), ...(s.reads ? subgraphUrlEnv : {}) })));
    const gatewayService = stackServices.find((s) => s.tier === 'gateway');
    if (!gatewayService) throw new Error('the service catalog has no gateway');

    // The load balancer before the gateways: they are told the subgraphs' balanced addresses. Gateway replicas are
    // added below; HAProxy is started once all are known.
    const gatewayEnv: NodeJS.ProcessEnv = {
      OIDC_ISSUER: url('idp'),
      OIDC_AUDIENCE: 'guichet',
      AUDIT_WITNESS_URL: url('witness'),
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      WORKERS: '1',
      TRUSTED_PROXY_HOPS: '1',
    };
    const subgraphPorts = await startHaproxyFor(subgraphs, frontPorts);
    Object.assign(gatewayEnv, subgraphUrlEnv);
    haproxy = subgraphPorts;
    await startReplicas(gatewayService, gateways, gatewayEnv);
    // Now the gateways' own frontend (the public URL): a second HAProxy process keeps the configuration simple.
    const gatewayFront = await startHaproxy(
      [
        {
          name: 'gateway',
          port: fixed ? Number(options.serviceEnv?.gateway?.PORT ?? gatewayService.defaultPort) : undefined,
          servers: (replicaNames.get('gateway') ?? []).map((n) => ({ name: n, address: address(n) })),
          healthPath: '/health',
          forwardedFor: true,
        },
      ],
      { onLine },
    );
    const subgraphHaproxy = haproxy;
    const bothHaproxy: HaproxyServer = {
      ports: { ...subgraphHaproxy.ports, ...gatewayFront.ports },
      configPath: gatewayFront.configPath,
      stop: async () => {
        await gatewayFront.stop();
        await subgraphHaproxy.stop();
      },
    };
    haproxy = bothHaproxy;

    const kill = async (name: string, signal: NodeJS.Signals = 'SIGKILL') => {
      if (name === 'postgres') return postgres?.stop(signal === 'SIGKILL' ? 'immediate' : 'fast');
      if (name === 'redis') return redis?.stop(signal === 'SIGKILL' ? 'kill' : 'graceful');
      const service = services.get(name);
      if (!service) throw new Error(`no stack service named ${name}`);
      await killService(service, signal);
    };
    const restart = async (name: string): Promise<void> => {
      if (name === 'postgres') return postgres?.start();
      if (name === 'redis') return redis?.start();
      const previous = services.get(name);
      const started = startEnvs.get(name);
      if (!previous || !started) throw new Error(`no stack service named ${name}`);
      await previous.stop();
      const spawned = await respawnOnPort({ name, entryPath: `${distRoot}${started.service.entry}`, env: started.env, onLine }, new URL(previous.url).port);
      services.set(name, spawned);
    };
    return {
      gatewayUrl: `http://127.0.0.1:${haproxy.ports.gateway}/graphql`,
      idpUrl: url('idp'),
      witnessUrl: url('witness'),
      services,
      legacyUrls,
      adapterEnv,
      stop,
      kill,
      restart,
      postgres,
      redis,
      haproxy,
      databaseUrl,
      witnessDatabaseUrl,
      redisUrl: redis.url,
      replicasOf: (service) => replicaNames.get(service) ?? [service],
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }

  async function startHaproxyFor(subgraphs: readonly StackService[], ports: ReadonlyMap<string, number>): Promise<HaproxyServer> {
    return startHaproxy(
      subgraphs.map((s) => ({
        name: s.name,
        port: ports.get(s.name),
        servers: (replicaNames.get(s.name) ?? []).map((n) => ({ name: n, address: address(n) })),
        healthPath: '/health',
      })),
      { onLine },
    );
  }
}
