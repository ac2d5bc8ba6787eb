import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultSettings } from '../../legacy/shared/index.js';
import { resetLegacy, setLegacyFaults, type LegacyUrls } from './legacy-admin.js';
import { soakSystems, type SoakSystem } from './plan-submissions.js';
import type { Random } from './create-random.js';

/** Every fault kind the simulators can inject, the whole system down included. */
export const faultKinds = ['down', 'reset', 'overload', 'timeout', 'error', 'errorIn200', 'malformed', 'truncated'] as const;
export type FaultKind = (typeof faultKinds)[number];

export interface FaultInjector {
  /** Faults set so far, by kind. */
  readonly counts: Readonly<Record<FaultKind, number>>;
  /** Stops changing faults and puts every simulator back to no fault. */
  stop(): Promise<void>;
}

export interface FaultInjectorOptions {
  readonly legacyUrls: LegacyUrls;
  readonly random: Random;
  readonly intervalMs: readonly [number, number];
  readonly hangMs: readonly [number, number];
  readonly log: (line: string) => void;
}

const systems: readonly SoakSystem[] = soakSystems;

/**
 * Every few seconds, one simulator gets a new fault (replacing its previous one) or is healed. Kinds are drawn
 * from a shuffled bag, so every kind comes up within each round of eight, even in a short run.
 */
export function startFaultInjector({ legacyUrls, random, intervalMs, hangMs, log }: FaultInjectorOptions): FaultInjector {
  const counts = Object.fromEntries(faultKinds.map((k) => [k, 0])) as Record<FaultKind, number>;
  const stopped = new AbortController();
  let bag: FaultKind[] = [];
  const nextKind = (): FaultKind => {
    if (bag.length === 0) bag = random.shuffle(faultKinds);
    return bag.pop() as FaultKind;
  };

  const loop = (async () => {
    while (!stopped.signal.aborted) {
      await sleep(random.int(intervalMs[0], intervalMs[1]), undefined, { signal: stopped.signal }).catch(() => undefined);
      if (stopped.signal.aborted) return;
      const system = random.pick(systems);
      // A quarter of the changes heal a system, so that queued submissions also meet a working one.
      const kind = random.next() < 0.25 ? undefined : nextKind();
      const settings = kind ? faultSettings(kind, random, hangMs) : {};
      try {
        await setLegacyFaults(legacyUrls, system, settings);
        if (kind) counts[kind] += 1;
        log(`fault ${system}: ${kind ? JSON.stringify(settings) : 'healed'}`);
      } catch (error) {
        log(`fault injection on ${system} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  })();

  return {
    counts,
    async stop() {
      stopped.abort();
      await loop;
      await Promise.all(systems.map((system) => resetLegacy(legacyUrls, system)));
      log('faults stopped: every simulator healed');
    },
  };
}

/**
 * One kind's knobs: a rate between 0.2 and 0.6 (every call failing is what `down` is for). The default hangs
 * outlast the adapters' 1 s timeout but stay under the outbox's 10 s pause after a failed filing: a legacy system
 * that files a POST more than 10 s after its caller gave up is outside what the outbox promises
 * (see outbox/retry-delay.ts).
 */
function faultSettings(kind: FaultKind, random: Random, hangMs: readonly [number, number]): Partial<FaultSettings> {
  const rate = Math.round((0.2 + random.next() * 0.4) * 100) / 100;
  switch (kind) {
    case 'down':
      return { down: true };
    case 'reset':
      return { resetRate: rate };
    case 'overload':
      return { overloadRate: rate, retryAfterSeconds: 1 };
    case 'timeout':
      return { timeoutRate: rate, hangMs: random.int(hangMs[0], hangMs[1]) };
    case 'error':
      return { errorRate: rate };
    case 'errorIn200':
      return { errorIn200Rate: rate };
    case 'malformed':
      return { malformedRate: rate };
    case 'truncated':
      return { truncatedRate: rate };
  }
}
