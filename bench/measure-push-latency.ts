import { setTimeout as sleep } from 'node:timers/promises';
import { createSimulatorAdmin } from '../legacy/shared/index.js';
import { mintAccessToken, type BenchIdp } from './credential-pool.js';
import { readLegacyCalls, resetLegacyCalls, splitFeedCalls, type LegacyCalls, type LegacyUrls } from './legacy-calls.js';
import { summarizeLatency, type PushLatency } from './push-cost.js';
import { createStatusCycler, expectedEventTypes, type MovableDossier } from './push-changes.js';
import type { PushCitizen } from './push-citizens.js';
import { createEventTally, type EventTally } from './push-event-tally.js';
import { subscribeCitizen, type PushSubscriber, type PushTransport } from './push-subscribers.js';

/** From a status changed in a simulator to the owner's app, at one poll interval of the change feeds. */
export interface PushLatencyFigures {
  /** `SUPERVISION_POLL_MS` of the supervision subgraph that read the feeds. */
  readonly pollMs: number;
  readonly subscribers: { readonly sse: number; readonly ws: number };
  readonly dossiers: number;
  /** Status changes made through the simulators' admin route (failed admin calls apart). */
  readonly changes: number;
  readonly adminFailures: number;
  /** Changes whose every event arrived. */
  readonly completed: number;
  readonly latency: PushLatency;
  readonly latencyByTransport: Readonly<Record<PushTransport, PushLatency>>;
  readonly missed: number;
  readonly duplicated: number;
  /** Events of no change the figure made (reported; not an error). */
  readonly unexpected: number;
  /** Subscriptions that failed or ended while the figure ran (must be 0), with the first reasons. */
  readonly streamFailures: number;
  readonly failureSamples: readonly string[];
  /** The measured window (from the counters' reset to their read), s. */
  readonly windowS: number;
  /** Change-feed calls per second the supervision subgraph made in the window, all systems. */
  readonly feedCallsPerSecond: number;
  /** Other legacy calls in the window (the subscriptions' own: expected 0). */
  readonly otherCalls: number;
  /** Legacy calls counted while the subscriptions opened, per subscription (feeds apart). */
  readonly callsPerOpen: number;
}

export interface MeasurePushLatencyOptions {
  readonly origin: string;
  readonly pollMs: number;
  readonly citizens: readonly PushCitizen[];
  /** Share of the citizens subscribed over graphql-ws (the others over graphql-sse). */
  readonly wsShare: number;
  readonly changes: number;
  readonly changesPerSecond: number;
  /** The subscription document (the shipped MyDossierEvents). */
  readonly query: string;
  readonly idp: BenchIdp;
  readonly legacyUrls: LegacyUrls;
  readonly log: (line: string) => void;
}

const sumCalls = (calls: LegacyCalls): number => Object.values(calls).reduce((n, ops: Readonly<Record<string, number>>) => n + Object.values(ops).reduce((a, b) => a + b, 0), 0);

/**
 * Citizens subscribed with the real clients (a `wsShare` over graphql-ws, the rest over graphql-sse); every dossier
 * put at its system's start status and the feeds given time to read it; then `changes` status changes at
 * `changesPerSecond`, each on a dossier with no change pending (a feed reading two changes of one dossier in one
 * poll reports the last only), timed from the admin call to the receipt of its STATUS_CHANGED by the owner's app.
 */
export async function measurePushLatency(options: MeasurePushLatencyOptions): Promise<PushLatencyFigures> {
  const { pollMs, citizens, log } = options;
  const admins = Object.fromEntries(Object.entries(options.legacyUrls).map(([system, url]) => [system, createSimulatorAdmin(url, system)]));
  const setStatus = (d: MovableDossier, code: string) => admins[d.system]!.setDossierStatus(d.legacyNumber, code);
  const dossiers = citizens.flatMap((c) => c.dossiers);
  const cycler = createStatusCycler();
  const timeoutMs = Math.max(15_000, pollMs * 5 + 10_000);
  const tokens = await mapLimit(citizens, 16, (c) => mintAccessToken(options.idp, { role: 'citizen', niu: c.niu }));

  let tally: EventTally = createEventTally();
  const transports = new Map<string, PushTransport>();
  const failures: string[] = [];
  let streamFailures = 0;
  let closing = false;
  const subscribers: PushSubscriber[] = [];
  const wsCount = Math.round(citizens.length * options.wsShare);
  await resetLegacyCalls(options.legacyUrls);
  const openedAt = performance.now();
  for (const [i, token] of tokens.entries()) {
    const transport: PushTransport = i < wsCount ? 'ws' : 'sse';
    const id = `${transport}-${i}`;
    transports.set(id, transport);
    subscribers.push(
      subscribeCitizen(transport, options.origin, id, token, options.query, {
        onEvent: (subscriber, event, atMs) => tally.receive(subscriber, event, atMs, transports.get(subscriber)),
        onEnd: (subscriber, why) => {
          if (closing) return;
          streamFailures += 1;
          if (failures.length < 5) failures.push(`${subscriber}: ${why}`);
        },
      }),
    );
  }
  try {
    // Every dossier at its start status; then a canary change, repeated until its event arrives: the supervision
    // subgraph has finished its initial load (which makes no event) and every stream is open.
    await mapLimit(dossiers, 16, (d) => setStatus(d, cycler.start(d).code));
    const canary = dossiers[0];
    if (!canary) throw new Error('the push figure has no dossier to move');
    const deadline = performance.now() + 180_000;
    for (;;) {
      if (streamFailures > 0) throw new Error(`subscriptions failed before the figure: ${failures.join('; ')}`);
      const step = cycler.next(canary);
      const startedMs = performance.now();
      tally.expect({ reference: canary.reference, status: step.status, types: expectedEventTypes(step.status), startedMs });
      await setStatus(canary, step.code);
      while (tally.isPending(canary.reference) && performance.now() - startedMs < pollMs * 3 + 3_000) await sleep(50);
      if (!tally.isPending(canary.reference)) break;
      tally.cancel(canary.reference);
      if (performance.now() > deadline) throw new Error(`no event reached a subscriber within 180 s (SUPERVISION_POLL_MS=${pollMs})`);
    }
    const callsPerOpen = sumCalls(splitFeedCalls(await readLegacyCalls(options.legacyUrls)).requests) / citizens.length;
    log(`push latency (poll ${pollMs} ms): ${citizens.length} subscribed (${wsCount} over graphql-ws) in ${((performance.now() - openedAt) / 1000).toFixed(1)} s, events flowing`);
    // The start statuses made before the canary may still be in the feeds' next poll: let them pass, then count.
    await sleep(pollMs * 2 + 1_000);
    tally = createEventTally();

    await resetLegacyCalls(options.legacyUrls);
    const windowStart = performance.now();
    let issued = 0;
    let made = 0;
    let adminFailures = 0;
    const inFlight = new Set<Promise<void>>();
    const expiry = setInterval(() => tally.expire(performance.now(), timeoutMs), 250);
    try {
      const intervalMs = 1_000 / options.changesPerSecond;
      let next = performance.now();
      while (issued < options.changes) {
        // A random phase against the feeds' poll timer: changes land anywhere in the interval.
        next += intervalMs * (0.5 + Math.random());
        await sleep(Math.max(0, next - performance.now()));
        const free = dossiers.filter((d) => !tally.isPending(d.reference));
        const dossier = free[Math.floor(Math.random() * free.length)];
        if (!dossier) continue;
        const step = cycler.next(dossier);
        const startedMs = performance.now();
        issued += 1;
        tally.expect({ reference: dossier.reference, status: step.status, types: expectedEventTypes(step.status), startedMs });
        const call = setStatus(dossier, step.code).then(
          () => {
            made += 1;
          },
          () => {
            adminFailures += 1;
            tally.cancel(dossier.reference);
          },
        );
        inFlight.add(call);
        void call.finally(() => inFlight.delete(call));
      }
      await Promise.all(inFlight);
      const waitUntil = performance.now() + timeoutMs + 1_000;
      while (tally.pendingCount > 0 && performance.now() < waitUntil) await sleep(100);
      tally.expire(Number.POSITIVE_INFINITY, 0);
    } finally {
      clearInterval(expiry);
    }
    const calls = splitFeedCalls(await readLegacyCalls(options.legacyUrls));
    const windowS = (performance.now() - windowStart) / 1000;
    const result = tally.result();
    const byGroup = (transport: PushTransport) => summarizeLatency(result.latenciesByGroup[transport] ?? []);
    const figures: PushLatencyFigures = {
      pollMs,
      subscribers: { sse: citizens.length - wsCount, ws: wsCount },
      dossiers: dossiers.length,
      changes: made,
      adminFailures,
      completed: result.completed,
      latency: summarizeLatency(result.latenciesMs),
      latencyByTransport: { sse: byGroup('sse'), ws: byGroup('ws') },
      missed: result.missed,
      duplicated: result.duplicated,
      unexpected: result.unexpected,
      streamFailures,
      failureSamples: failures,
      windowS,
      feedCallsPerSecond: sumCalls(calls.feeds) / windowS,
      otherCalls: sumCalls(calls.requests),
      callsPerOpen,
    };
    log(
      `push latency (poll ${pollMs} ms): ${made} changes, p50 ${figures.latency.p50Ms.toFixed(0)} ms, p99 ${figures.latency.p99Ms.toFixed(0)} ms, missed ${figures.missed}, duplicated ${figures.duplicated}, failed streams ${streamFailures}`,
    );
    return figures;
  } finally {
    closing = true;
    for (const s of subscribers) s.close();
  }
}

/** `map` over `items`, at most `limit` at a time, results in order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, map: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await map(items[i] as T, i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
