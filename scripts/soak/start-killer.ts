import { setTimeout as sleep } from 'node:timers/promises';
import type { Stack } from '../stack/index.js';
import type { Random } from './create-random.js';
import type { KillTargets } from './start-soak-stack.js';

export interface Killer {
  /** SIGKILLs delivered so far, by service. */
  readonly counts: Readonly<Record<string, number>>;
  /** Resolves when every planned kill is done and its service restarted, or the killer was stopped. Rejects if a restart failed. */
  readonly done: Promise<void>;
  /** No further kill starts; one in progress still ends with its restart. */
  stop(): void;
  /** The kills left strike one after the other without waiting for their time (the clients are done). */
  hurry(): void;
}

export interface KillerOptions {
  readonly stack: Stack;
  readonly targets: KillTargets;
  readonly random: Random;
  readonly kills: number;
  /** Kill i happens at `windowMs · (i + 1) / (kills + 1)` after the start: spread over the busy part of the run. */
  readonly windowMs: number;
  readonly downtimeMs: readonly [number, number];
  /** Client requests in flight; a kill waits (up to 3 s past its time) until at least `strikeAt` are. */
  readonly traffic: { readonly inFlight: number };
  readonly strikeAt: number;
  readonly log: (line: string) => void;
}

/**
 * A third of the kills (rounded) go to the gateways, one to each shared server (Redis, PostgreSQL) when there are
 * any and kills enough, the rest to the ministry subgraphs (or their replicas) in turn; each kind's instances are
 * taken in a seeded order, and the whole list shuffled.
 */
export function killTargets(kills: number, random: Random, targets: KillTargets): string[] {
  const gatewayKills = Math.round(kills / 3);
  const serverKills = Math.max(0, Math.min(targets.servers.length, kills - gatewayKills - 1));
  const cycle = (pool: readonly string[], count: number) => {
    const order = random.shuffle(pool);
    return Array.from({ length: count }, (_, i) => order[i % order.length] as string);
  };
  return random.shuffle([...cycle(targets.gateways, gatewayKills), ...cycle(targets.servers, serverKills), ...cycle(targets.subgraphs, kills - gatewayKills - serverKills)]);
}

/** PostgreSQL goes down by fast shutdown (sessions cut, a checkpoint), as an operator or an orchestrator stops it; every process by SIGKILL. */
const signalFor = (target: string): NodeJS.Signals => (target === 'postgres' ? 'SIGINT' : 'SIGKILL');

/**
 * Crashes services while clients submit: SIGKILL (no graceful shutdown, no drain, leases left held), a short
 * downtime, then the same service restarted on the same port with the same data. One kill at a time.
 */
export function startKiller({ stack, targets: pools, random, kills, windowMs, downtimeMs, traffic, strikeAt, log }: KillerOptions): Killer {
  const counts: Record<string, number> = {};
  const targets = killTargets(kills, random, pools);
  const stopped = new AbortController();
  const hurried = new AbortController();
  const waitOrHurry = AbortSignal.any([stopped.signal, hurried.signal]);
  const startedAt = Date.now();
  const done = (async () => {
    for (const [i, target] of targets.entries()) {
      const at = startedAt + (windowMs * (i + 1)) / (kills + 1);
      await sleep(Math.max(0, at - Date.now()), undefined, { signal: waitOrHurry }).catch(() => undefined);
      if (stopped.signal.aborted) return;
      // A kill between two waves would prove little: strike while requests are in flight, then a random few
      // milliseconds later, so that kills land at every stage (gateway, legacy lookup, legacy filing, outbox write).
      const waitUntil = Date.now() + 3_000;
      while (traffic.inFlight < strikeAt && Date.now() < waitUntil && !waitOrHurry.aborted) await sleep(2);
      await sleep(random.int(0, 120));
      const inFlight = traffic.inFlight;
      await stack.kill(target, signalFor(target));
      counts[target] = (counts[target] ?? 0) + 1;
      const downtime = random.int(downtimeMs[0], downtimeMs[1]);
      log(`killed ${target} (${signalFor(target) === 'SIGINT' ? 'fast shutdown' : 'SIGKILL'}) with ${inFlight} client request(s) in flight; restarting in ${downtime} ms`);
      await sleep(downtime);
      const restartedAt = Date.now();
      await stack.restart(target);
      log(`${target} restarted in ${Date.now() - restartedAt} ms`);
    }
  })();
  return { counts, done, stop: () => stopped.abort(), hurry: () => hurried.abort() };
}
