import { setTimeout as sleep } from 'node:timers/promises';
import { rmSync } from 'node:fs';
import { generateWorld } from '../../legacy/world/index.js';
import { buildSoakFigures } from './build-soak-figures.js';
import { countLegacyRecords } from './count-legacy-records.js';
import { setLegacyLatency } from './legacy-admin.js';
import { readShippedOperation } from '../trusted-documents/index.js';
import { operationsOf, planSubmissions, soakCitizens, soakSystems, type SoakSystem } from './plan-submissions.js';
import { createRandom } from './create-random.js';
import { runClients } from './run-clients.js';
import type { SoakFigures } from './soak-figures.js';
import { defaultSoakOptions, type SoakOptions } from './soak-options.js';
import { startFaultInjector } from './start-fault-injector.js';
import { startKiller } from './start-killer.js';
import { startSoakStack } from './start-soak-stack.js';
import { countSeededRecords, findStrayRecords } from './find-stray-records.js';
import { createLogTallier } from './create-log-tallier.js';
import { createTokenSource } from './create-token-source.js';
import { verifySubmissions } from './verify-submissions.js';
import { verifyPieces } from './verify-pieces.js';
import { checkGlobalRateLimit } from './check-global-rate-limit.js';
import { scaledAnonymousLimitPerMinute } from './start-soak-stack.js';
import { verifySharedTrail } from './verify-shared-trail.js';
import { waitForDrain, type DrainTarget } from './wait-for-drain.js';

/** The simulators' world: the one the test stack uses, at the soak's scale. */
const worldSeed = 20_261_123;
const worldNow = '2026-11-01';

/**
 * One chaos soak on a stack of its own:
 * 1. chaos — clients file in waves (each retrying with the same key until it gets a reference) while the
 *    simulators' faults change every few seconds and subgraphs and the gateway are SIGKILLed and restarted;
 * 2. drain — faults off, every queued submission watched through the graph until it leaves QUEUED;
 * 3. verify — every legacy record of every filing citizen counted by external reference.
 * Resolves with the figures (`passed` false on any loss, duplicate, refused-yet-filed, mismatch, stray record or
 * undrained outbox); rejects only when the stack itself cannot run (start-up or restart failure).
 */
export async function runSoak(overrides: Partial<SoakOptions> = {}): Promise<SoakFigures> {
  const options: SoakOptions = { ...defaultSoakOptions, ...overrides };
  const { log } = options;
  // One generator per concern: the plan, the faults and the kills each repeat for a seed, however their loops interleave.
  const random = createRandom(options.seed);
  const world = generateWorld({ seed: worldSeed, scale: options.scale, now: worldNow });
  const plan = planSubmissions(soakCitizens(world, random, options.citizens), random, options.submissions, options.seed);
  // The portal's own documents (the soak files exactly what the portal sends), wherever they are shipped from.
  const documents = Object.fromEntries(operationsOf(plan).map((name) => [name, readShippedOperation(name)]));
  const statusQuery = readShippedOperation('DossierStatus');

  const startupAt = Date.now();
  const tallier = createLogTallier(options.onServiceLine);
  log(`starting a stack of its own (scale ${options.scale}, ${options.submissions} submissions, ${options.kills} kills, seed ${options.seed})`);
  const { stack, scaled, targets: killTargets, dataDir } = await startSoakStack(options, { seed: worldSeed, scale: options.scale, now: worldNow }, tallier.onLine);
  let keepData = options.keepData;
  try {
    const legacyUrls = Object.fromEntries(soakSystems.map((system) => [system, stack.legacyUrls[system]])) as Record<SoakSystem, string>;
    const tokens = createTokenSource(stack.idpUrl);

    const chaosAt = Date.now();
    const durationMs = options.durationS * 1000;
    // Waves over the first three quarters of the bound; the last quarter lets the last waves finish their retries.
    const windowMs = durationMs * 0.75;
    const waves = Math.ceil(plan.length / options.concurrency);
    const waveIntervalMs = windowMs / waves;
    log(`chaos: ${waves} waves of ${options.concurrency} submissions, one every ${Math.round(waveIntervalMs)} ms`);
    const traffic = { inFlight: 0 };
    const faults = startFaultInjector({ legacyUrls, random: createRandom(options.seed + 1), intervalMs: options.faultIntervalMs, hangMs: options.hangMs, log });
    const killer = startKiller({
      stack,
      targets: killTargets,
      random: createRandom(options.seed + 2),
      kills: options.kills,
      windowMs,
      downtimeMs: options.downtimeMs,
      traffic,
      strikeAt: Math.max(1, Math.floor(options.concurrency / 2)),
      log,
    });
    const outcomes = await runClients(plan, {
      concurrency: options.concurrency,
      releaseAt: (index) => chaosAt + Math.floor(index / options.concurrency) * waveIntervalMs,
      context: { gatewayUrl: stack.gatewayUrl, tokens, documents, requestTimeoutMs: options.requestTimeoutMs, giveUpMs: options.clientGiveUpMs, hardDeadline: chaosAt + durationMs, traffic },
      log,
    });
    // Clients may finish before the last planned kill's time, or restarts run slow (a loaded machine): the kills
    // left strike at once, one after the other, against the outboxes' forwarders; the bound only guards against a
    // restart that never ends (a restart costs seconds, 13 s seen on a saturated machine).
    killer.hurry();
    const bound = new AbortController();
    const killsBoundMs = Math.max(0, chaosAt + durationMs - Date.now()) + options.kills * 30_000;
    await Promise.race([killer.done, sleep(killsBoundMs, undefined, { signal: bound.signal }).catch(() => undefined)]);
    bound.abort();
    killer.stop();
    await killer.done;
    await faults.stop();
    const chaosMs = Date.now() - chaosAt;

    const drainAt = Date.now();
    // Queued at acceptance, or never answered: either may sit in an outbox.
    const targets: DrainTarget[] = outcomes
      .filter((o) => (o.result === 'accepted' && o.statusAtAcceptance === 'QUEUED') || o.result === 'abandoned')
      .map((o) => ({ reference: o.result === 'accepted' ? (o.reference ?? o.planned.externalReference) : o.planned.externalReference, applicantNiu: o.planned.applicantNiu }));
    log(`drain: watching ${targets.length} submissions until they leave QUEUED`);
    const drain = await waitForDrain(targets, {
      gatewayUrl: stack.gatewayUrl,
      tokens,
      query: statusQuery,
      deadline: drainAt + options.drainTimeoutS * 1000,
      requestTimeoutMs: options.requestTimeoutMs,
      log,
    });
    const drainMs = Date.now() - drainAt;

    const verifyAt = Date.now();
    // The count reads the simulators' own state: added latency would only slow it down.
    await Promise.all(soakSystems.map((system) => setLegacyLatency(legacyUrls, system, 0, 0)));
    const niusBySystem = Object.fromEntries(soakSystems.map((system): [SoakSystem, string[]] => [system, [...new Set(plan.filter((p) => p.system === system).map((p) => p.applicantNiu))]])) as Record<
      SoakSystem,
      string[]
    >;
    const legacy = await countLegacyRecords(stack.adapterEnv, niusBySystem);
    const verification = verifySubmissions(outcomes, legacy.byExternalReference, drain.finalStatus);
    const pieces = await verifyPieces(outcomes, legacy.byExternalReference, { legacyUrls, adapterEnv: stack.adapterEnv });
    log(
      `documents: ${pieces.received} of ${pieces.expected} held exactly once (${Object.entries(pieces.bySystem)
        .map(([system, p]) => `${system} ${p?.received ?? 0}/${p?.expected ?? 0}`)
        .join(', ')})`,
    );
    const strays = findStrayRecords(await countSeededRecords(world), plan, legacy);
    // Scaled: one limit for every gateway behind the balancer, and one trail from every gateway that verifies.
    const scaledChecks = scaled ? { rateLimit: await checkGlobalRateLimit(stack.gatewayUrl, scaledAnonymousLimitPerMinute), trail: await verifySharedTrail(scaled) } : undefined;
    if (scaledChecks) log(`scaled: rate limit ${scaledChecks.rateLimit.held ? 'held' : 'NOT held'} (${scaledChecks.rateLimit.accepted} accepted); trail: ${scaledChecks.trail.detail}`);
    const verifyMs = Date.now() - verifyAt;

    const passedSoFar =
      verification.lost.length + verification.duplicated.length + verification.ghosts.length + verification.mismatched.length + strays.length + pieces.lost.length + pieces.duplicated.length === 0 &&
      drain.drained &&
      (scaledChecks === undefined || (scaledChecks.rateLimit.held && scaledChecks.trail.verified));
    keepData ||= !passedSoFar;
    return buildSoakFigures({
      seed: options.seed,
      outcomes,
      verification,
      strays,
      pieces,
      drain: { ...drain, watched: targets.length },
      faults: { ...faults.counts },
      kills: { ...killer.counts },
      plannedKills: options.kills,
      outbox: tallier.snapshot(),
      phasesMs: { startup: chaosAt - startupAt, chaos: chaosMs, drain: drainMs, verify: verifyMs },
      ...(scaledChecks ? { scaled: scaledChecks } : {}),
      ...(keepData ? { dataDir } : {}),
    });
  } finally {
    await stack.stop();
    if (!keepData) rmSync(dataDir, { recursive: true, force: true });
  }
}
