import { setTimeout as sleep } from 'node:timers/promises';
import { createInternalTokenSigner, INTERNAL_TOKEN_HEADER } from '../auth/index.js';
import { createSimulatorAdmin } from '../legacy/shared/index.js';
import { connectedMinistries, type LegacySystem } from '../schema/index.js';
import { mintAccessToken, type BenchIdp } from './credential-pool.js';
import { readLegacyCalls, resetLegacyCalls, splitFeedCalls, type LegacyCalls, type LegacyUrls } from './legacy-calls.js';
import { mapLimit } from './measure-push-latency.js';
import { summarizeLatency, type PushLatency } from './push-cost.js';
import { createStatusCycler, type MovableDossier } from './push-changes.js';
import type { PushCitizen } from './push-citizens.js';

/** Phones polling their dossiers' status, with legacy status changes meanwhile (issue 16, target 3). */
export interface StatusPollFigures {
  readonly phones: number;
  readonly dossiers: number;
  /** The app's poll interval the figure stands for, and the one it ran at (equal: real time). */
  readonly appIntervalS: number;
  readonly intervalMs: number;
  /** The change feeds' poll interval (`SUPERVISION_POLL_MS`) and the freshness bound (`DOSSIER_FRESHNESS_MAX_AGE_MS`). */
  readonly feedIntervalMs: number;
  readonly maxAgeMs: number;
  /** Rounds before the counted window (every dossier read once, the setup's changes out of the feeds' overlap), and in it. */
  readonly warmupRounds: number;
  readonly rounds: number;
  /** Phone polls (one `DossierStatus` per dossier) in the counted window, and how many failed. */
  readonly polls: number;
  readonly failures: number;
  readonly failureSamples: readonly string[];
  /** Legacy calls in the counted window, the change feeds apart (the probes' own included). */
  readonly legacyCalls: number;
  readonly callsPerPoll: number;
  /** Legacy calls per phone poll in the first round (nothing kept yet). */
  readonly firstRoundCallsPerPoll: number;
  /** Status changes made through the simulators' admin route in the counted window (failed admin calls apart). */
  readonly changes: number;
  readonly adminFailures: number;
  /** From a change (the admin call sent) to the first answer showing it, read every 100 ms by a probe. */
  readonly changeToAnswer: PushLatency;
  /** Changes no probe answer showed within 30 s. */
  readonly unseenChanges: number;
  /** From a change to the first phone poll showing it (the app's interval included). */
  readonly changeToPhone: PushLatency;
  /** Phone answers still showing the status before a change more than `feedIntervalMs + 1 s` after it (must be 0). */
  readonly lateAnswers: number;
  /** Age of the answers the feed proves (answer received − `asOf`), sampled by the probes; and the share so proven. */
  readonly asOfAge: PushLatency;
  readonly provenShare: number;
}

export interface MeasureStatusPollsOptions {
  /** The gateway's GraphQL URL (the phones' path). */
  readonly url: string;
  /** Each ministry subgraph's GraphQL URL, by name (the probes read `_entities` there, with `asOf`). */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  readonly internalTokenSecret: string;
  readonly phones: readonly PushCitizen[];
  readonly appIntervalS: number;
  readonly intervalMs: number;
  readonly rounds: number;
  readonly feedIntervalMs: number;
  /** How long a changed dossier stays in the feeds' answers (`SUPERVISION_FEED_OVERLAP_MS`): the warm-up outlasts it. */
  readonly feedOverlapMs: number;
  readonly maxAgeMs: number;
  /** Share of the dossiers whose status changes once in the counted window. */
  readonly changeShare: number;
  /** The shipped DossierStatus document (what mobile apps poll). */
  readonly query: string;
  readonly idp: BenchIdp;
  readonly legacyUrls: LegacyUrls;
  readonly log: (line: string) => void;
}

const sumCalls = (calls: LegacyCalls): number => Object.values(calls).reduce((n, ops: Readonly<Record<string, number>>) => n + Object.values(ops).reduce((a, b) => a + b, 0), 0);

/** A change being watched: its instant, the status it makes, whether a phone has shown it yet. */
interface Watched {
  readonly atMs: number;
  readonly status: string;
  phoneSeen: boolean;
}

type ProbeAnswer = { readonly status: string; readonly asOf: string | null };

/**
 * Phones poll every dossier of their citizen every `intervalMs`, each at its own phase, through the gateway with the
 * shipped `DossierStatus`. A warm-up first: every dossier read once, and the setup's own status changes (each mover
 * put at its cycle's start) left to pass out of the feeds' overlap. Then the counted rounds, during which a share of
 * the dossiers changes status once each at a random instant (the simulators' admin route); a probe reads each changed
 * dossier every 100 ms from its ministry subgraph until the new status shows, and samples `asOf` on random others.
 */
export async function measureStatusPolls(options: MeasureStatusPollsOptions): Promise<StatusPollFigures> {
  const { phones, intervalMs, log } = options;
  const admins = Object.fromEntries(Object.entries(options.legacyUrls).map(([system, url]) => [system, createSimulatorAdmin(url, system)]));
  const dossiers = phones.flatMap((p) => p.dossiers);
  const tokens = await mapLimit(phones, 16, (p) => mintAccessToken(options.idp, { role: 'citizen', niu: p.niu }));
  const probe = createProbe(options);
  const cycler = createStatusCycler();
  const movers = pickShare(dossiers, options.changeShare);
  await mapLimit(movers, 16, (d) => admins[d.system]!.setDossierStatus(d.legacyNumber, cycler.start(d).code));

  const watched = new Map<string, Watched>();
  const phoneDelays: number[] = [];
  let lateAnswers = 0;
  let counting = false;
  let polls = 0;
  let failures = 0;
  const failureSamples: string[] = [];
  const lateBoundMs = options.feedIntervalMs + 1_000;
  const pollOne = async (token: string, dossier: MovableDossier) => {
    const response = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: options.query, variables: { reference: dossier.reference } }),
    }).catch((error: unknown) => error as Error);
    const atMs = performance.now();
    const body = response instanceof Error ? undefined : ((await response.json().catch(() => undefined)) as { data?: { dossier?: { status?: string } | null }; errors?: unknown[] } | undefined);
    if (counting) polls += 1;
    const status = body?.data?.dossier?.status;
    if (response instanceof Error || !response.ok || body?.errors || status === undefined) {
      failures += 1;
      if (failureSamples.length < 3) failureSamples.push(response instanceof Error ? response.message : `HTTP ${response.status} ${JSON.stringify(body?.errors ?? '').slice(0, 200)}`);
      return;
    }
    const change = watched.get(dossier.reference);
    if (change === undefined || change.phoneSeen || atMs < change.atMs) return;
    if (status === change.status) {
      change.phoneSeen = true;
      phoneDelays.push(atMs - change.atMs);
    } else if (atMs - change.atMs > lateBoundMs) lateAnswers += 1;
  };

  // Rounds of the warm-up: at least one, and long enough for the movers' start statuses to leave the feeds' overlap.
  const warmupRounds = Math.max(1, Math.ceil((options.feedOverlapMs + 2 * options.feedIntervalMs) / intervalMs));
  const totalRounds = warmupRounds + options.rounds;
  const startedAt = performance.now();
  const roundStart = (round: number) => startedAt + round * intervalMs;
  let firstRoundCalls = 0;
  let firstRoundPolls = 0;
  await resetLegacyCalls(options.legacyUrls);
  const phonesDone = Promise.all(
    phones.map(async (phone, i) => {
      // Each phone at its own phase of the interval, as real apps are.
      const phaseMs = (i / phones.length) * intervalMs;
      for (let round = 0; round < totalRounds; round += 1) {
        await sleep(Math.max(0, roundStart(round) + phaseMs - performance.now()));
        for (const dossier of phone.dossiers) await pollOne(tokens[i]!, dossier);
      }
    }),
  );
  await sleep(Math.max(0, roundStart(1) - performance.now()));
  firstRoundCalls = sumCalls(splitFeedCalls(await readLegacyCalls(options.legacyUrls)).requests);
  firstRoundPolls = dossiers.length;
  await sleep(Math.max(0, roundStart(warmupRounds) - performance.now()));
  await resetLegacyCalls(options.legacyUrls);
  counting = true;
  log(`status polls: ${phones.length} phones, ${dossiers.length} dossiers, warm-up done (${warmupRounds} rounds of ${intervalMs} ms); ${movers.length} changes over ${options.rounds} rounds`);

  // The changes, each at a random instant of the counted window but its last feed interval and bound.
  const windowMs = options.rounds * intervalMs;
  const changeDelays: number[] = [];
  let unseen = 0;
  let made = 0;
  let adminFailures = 0;
  const changesDone = Promise.all(
    movers.map(async (dossier) => {
      await sleep(Math.random() * Math.max(0, windowMs - lateBoundMs - 2 * intervalMs));
      const step = cycler.next(dossier);
      const atMs = performance.now();
      watched.set(dossier.reference, { atMs, status: step.status, phoneSeen: false });
      try {
        await admins[dossier.system]!.setDossierStatus(dossier.legacyNumber, step.code);
        made += 1;
      } catch {
        adminFailures += 1;
        watched.delete(dossier.reference);
        return;
      }
      for (;;) {
        const answer = await probe.read(dossier).catch(() => undefined);
        if (answer?.status === step.status) {
          changeDelays.push(performance.now() - atMs);
          return;
        }
        if (performance.now() - atMs > 30_000) {
          unseen += 1;
          return;
        }
        await sleep(100);
      }
    }),
  );
  // asOf sampled on random dossiers, five a second, while the window lasts.
  const ages: number[] = [];
  let sampled = 0;
  const samplerDone = (async () => {
    while (performance.now() < roundStart(totalRounds)) {
      const dossier = dossiers[Math.floor(Math.random() * dossiers.length)]!;
      const answer = await probe.read(dossier).catch(() => undefined);
      const receivedMs = Date.now();
      if (answer !== undefined) {
        sampled += 1;
        if (answer.asOf !== null) ages.push(receivedMs - Date.parse(answer.asOf));
      }
      await sleep(200);
    }
  })();
  await Promise.all([phonesDone, changesDone, samplerDone]);
  const legacyCalls = sumCalls(splitFeedCalls(await readLegacyCalls(options.legacyUrls)).requests);
  const figures: StatusPollFigures = {
    phones: phones.length,
    dossiers: dossiers.length,
    appIntervalS: options.appIntervalS,
    intervalMs,
    feedIntervalMs: options.feedIntervalMs,
    maxAgeMs: options.maxAgeMs,
    warmupRounds,
    rounds: options.rounds,
    polls,
    failures,
    failureSamples,
    legacyCalls,
    callsPerPoll: polls === 0 ? 0 : legacyCalls / polls,
    firstRoundCallsPerPoll: firstRoundPolls === 0 ? 0 : firstRoundCalls / firstRoundPolls,
    changes: made,
    adminFailures,
    changeToAnswer: summarizeLatency(changeDelays),
    unseenChanges: unseen,
    changeToPhone: summarizeLatency(phoneDelays),
    lateAnswers,
    asOfAge: summarizeLatency(ages),
    provenShare: sampled === 0 ? 0 : ages.length / sampled,
  };
  log(
    `status polls: ${polls} polls (${failures} failed), ${figures.callsPerPoll.toFixed(3)} legacy calls per poll; change → answer p95 ${figures.changeToAnswer.p95Ms.toFixed(0)} ms (${unseen} unseen), asOf age p95 ${figures.asOfAge.p95Ms.toFixed(0)} ms, ${lateAnswers} late answers`,
  );
  return figures;
}

/** `share` of `items`, evenly spread (at least one when there are any). */
function pickShare<T>(items: readonly T[], share: number): T[] {
  if (items.length === 0 || share <= 0) return [];
  const count = Math.max(1, Math.round(items.length * share));
  const step = items.length / count;
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)]!);
}

/** Reads a dossier's status and `asOf` from its ministry subgraph's `_entities`, as the gateway's entity fetch does. */
function createProbe(options: Pick<MeasureStatusPollsOptions, 'subgraphUrls' | 'internalTokenSecret'>) {
  const signer = createInternalTokenSigner({ secret: options.internalTokenSecret });
  const reader = { subject: 'bench-status-probe', role: 'integrator', scopes: ['dossiers:read'], clientId: 'bench' } as const;
  let token: { value: string; atMs: number } | undefined;
  const owners = new Map<LegacySystem, { url: string; type: string }>();
  for (const m of connectedMinistries) {
    const url = options.subgraphUrls[m.subgraph.name];
    if (url !== undefined) owners.set(m.system.code, { url, type: m.subgraph.dossierType });
  }
  return {
    async read(dossier: MovableDossier): Promise<ProbeAnswer> {
      const owner = owners.get(dossier.system);
      if (!owner) throw new Error(`no subgraph URL for ${dossier.system}`);
      // Internal tokens live minutes: signed again every 30 s.
      if (token === undefined || Date.now() - token.atMs > 30_000) token = { value: await signer.sign(reader, { operationName: 'benchStatusProbe' }), atMs: Date.now() };
      const response = await fetch(owner.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [INTERNAL_TOKEN_HEADER]: token.value },
        body: JSON.stringify({
          query: `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ${owner.type} { status asOf } } }`,
          variables: { representations: [{ __typename: owner.type, reference: dossier.reference }] },
        }),
      });
      const body = (await response.json()) as { data?: { _entities?: (ProbeAnswer | null)[] }; errors?: unknown[] };
      const answer = body.data?._entities?.[0];
      if (!response.ok || body.errors || !answer) throw new Error(`probe of ${dossier.reference}: HTTP ${response.status} ${JSON.stringify(body.errors ?? '').slice(0, 200)}`);
      return answer;
    },
  };
}
