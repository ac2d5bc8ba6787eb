import { setTimeout as sleep } from 'node:timers/promises';
import { mintAccessToken, type BenchIdp } from './credential-pool.js';
import { readLegacyCalls, resetLegacyCalls, splitFeedCalls, type LegacyCalls, type LegacyUrls } from './legacy-calls.js';
import { mapLimit } from './measure-push-latency.js';
import type { PushCitizen } from './push-citizens.js';

/** What polling costs the legacy systems: the same citizens asking for their dossiers' status, in rounds. */
export interface PushPollingFigures {
  readonly citizens: number;
  readonly dossiers: number;
  readonly rounds: number;
  /** Time between two rounds here (compressed: the app's is 30 s). */
  readonly roundIntervalMs: number;
  /** Requests sent (one `DossierStatus` per dossier per round), and how many failed. */
  readonly requests: number;
  readonly failures: number;
  /** Legacy calls counted, the change feeds apart. */
  readonly legacyCalls: number;
  /** Legacy calls per citizen poll (all of the citizen's dossiers once) and per dossier asked. */
  readonly callsPerPoll: number;
  readonly callsPerDossier: number;
}

export interface MeasurePushPollingOptions {
  /** The gateway's GraphQL URL. */
  readonly url: string;
  readonly citizens: readonly PushCitizen[];
  readonly rounds: number;
  readonly roundIntervalMs: number;
  /** The shipped DossierStatus document (what mobile apps poll). */
  readonly query: string;
  readonly idp: BenchIdp;
  readonly legacyUrls: LegacyUrls;
  readonly log: (line: string) => void;
}

const sumCalls = (calls: LegacyCalls): number => Object.values(calls).reduce((n, ops: Readonly<Record<string, number>>) => n + Object.values(ops).reduce((a, b) => a + b, 0), 0);

/**
 * Each citizen's app polls: every round, `DossierStatus` for each of the citizen's dossiers, through the gateway, as
 * a mobile app does (README: "mobile apps poll a dossier's normalized status"). Rounds come `roundIntervalMs` apart
 * instead of 30 s: a cache that kept a status longer than that would make polling look cheaper here than it is.
 */
export async function measurePushPolling(options: MeasurePushPollingOptions): Promise<PushPollingFigures> {
  const tokens = await mapLimit(options.citizens, 16, (c) => mintAccessToken(options.idp, { role: 'citizen', niu: c.niu }));
  const dossiers = options.citizens.reduce((n, c) => n + c.dossiers.length, 0);
  let requests = 0;
  let failures = 0;
  const errorSamples: string[] = [];
  await resetLegacyCalls(options.legacyUrls);
  for (let round = 0; round < options.rounds; round += 1) {
    const started = performance.now();
    await mapLimit(options.citizens, 16, async (citizen, i) => {
      for (const dossier of citizen.dossiers) {
        requests += 1;
        const response = await fetch(options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}` },
          body: JSON.stringify({ query: options.query, variables: { reference: dossier.reference } }),
        }).catch((error: unknown) => error as Error);
        const body = response instanceof Error ? undefined : ((await response.json().catch(() => undefined)) as { errors?: unknown[] } | undefined);
        if (response instanceof Error || !response.ok || body?.errors) {
          failures += 1;
          if (errorSamples.length < 3) errorSamples.push(response instanceof Error ? response.message : `HTTP ${response.status} ${JSON.stringify(body?.errors ?? '').slice(0, 200)}`);
        }
      }
    });
    await sleep(Math.max(0, options.roundIntervalMs - (performance.now() - started)));
  }
  const legacyCalls = sumCalls(splitFeedCalls(await readLegacyCalls(options.legacyUrls)).requests);
  const polls = options.citizens.length * options.rounds;
  const figures: PushPollingFigures = {
    citizens: options.citizens.length,
    dossiers,
    rounds: options.rounds,
    roundIntervalMs: options.roundIntervalMs,
    requests,
    failures,
    legacyCalls,
    callsPerPoll: polls === 0 ? 0 : legacyCalls / polls,
    callsPerDossier: requests === 0 ? 0 : legacyCalls / requests,
  };
  options.log(
    `polling: ${requests} DossierStatus requests (${failures} failed${errorSamples.length > 0 ? `: ${errorSamples.join('; ')}` : ''}), ${figures.callsPerPoll.toFixed(2)} legacy calls per citizen poll`,
  );
  return figures;
}
