import { loadavg } from 'node:os';
import { defaultManifestPath, readManifest } from '../gateway/trusted-documents/index.js';
import { HEAP_PER_STREAM_BYTES, maxStreamsForHeap, STREAM_SHARE_OF_HEAP } from '../gateway/subscriptions/index.js';
import type { World } from '../legacy/world/index.js';
import { gatewayNodeOptions, type SpawnedService } from '../scripts/stack/index.js';
import type { BenchIdp } from './credential-pool.js';
import type { LegacyUrls } from './legacy-calls.js';
import { measurePushLatency, type PushLatencyFigures } from './measure-push-latency.js';
import { measurePushPolling, type PushPollingFigures } from './measure-push-polling.js';
import { measurePushStreams, type PushStreamsFigures } from './measure-push-streams.js';
import { pickPushCitizens } from './push-citizens.js';
import { pollingCallsPerCitizenHour, pushCallsPerCitizenHour } from './push-cost.js';
import { startPushServices, type PushServices } from './push-services.js';
import type { BenchStack } from './start-bench-stack.js';
import { spawnGuichetGateway, stackGatewayEndpoint } from './start-targets.js';

/** The app's poll interval the push figures compare with (issue 15: "polling every 30 s"). */
export const appPollIntervalS = 30;
/** Subscriptions a citizen's app opens per hour in the cost formula (an assumption, printed with it). */
export const assumedOpensPerHour = 1;
/** Citizen counts the cost figure is computed for. */
export const costCitizenCounts = [100, 1_000] as const;

/** Legacy calls per citizen per hour, push against polling, for `citizens` at one feed poll interval. */
export interface PushCostRow {
  readonly citizens: number;
  readonly pollMs: number;
  readonly pushPerCitizenHour: number;
  readonly pollingPerCitizenHour: number;
}

/** Everything the push section measured (issue 15, "Figures (bench)"). */
export interface PushFigures {
  readonly loadAtStart: string;
  readonly loadAtEnd: string;
  readonly latency: readonly PushLatencyFigures[];
  readonly polling?: PushPollingFigures;
  readonly cost: readonly PushCostRow[];
  readonly opensPerHour: number;
  readonly appPollIntervalS: number;
  readonly streams?: PushStreamsFigures;
}

export interface MeasurePushOptions {
  /** `SUPERVISION_POLL_MS` values of the latency figure, one supervision subgraph and gateway each (empty: none). */
  readonly pollIntervals: readonly number[];
  readonly citizens: number;
  readonly wsShare: number;
  readonly changes: number;
  readonly changesPerSecond: number;
  readonly pollingRounds: number;
  readonly pollingRoundIntervalMs: number;
  /** Open SSE streams of the memory and CPU figure, in increasing order (empty: none). */
  readonly streamLevels: readonly number[];
  readonly streamCitizens: number;
  /** `--max-old-space-size` of the streams gateway, MB; undefined: the production cap. */
  readonly streamsHeapMb?: number;
  readonly idleS: number;
  readonly burstChanges: number;
  readonly world: World;
  readonly idp: BenchIdp;
  readonly legacyUrls: LegacyUrls;
  readonly onLine: (service: string, line: string) => void;
  readonly log: (line: string) => void;
}

/** The feeds' poll interval of the streams figure when no latency figure ran before it. */
const streamsPollMs = 250;

/**
 * Push against polling on the bench's stack. The stack's own supervision subgraph is paused meanwhile (SIGSTOP),
 * so that the only change-feed reader is the figure's own, started per poll interval: its feed calls are counted
 * alone. Then the same citizens polling through the stack's gateway; then many SSE streams on one fresh gateway.
 */
export async function measurePush(bench: BenchStack, options: MeasurePushOptions): Promise<PushFigures> {
  const { log } = options;
  const loadAtStart = describeLoad();
  const documents = readManifest(defaultManifestPath()).operations;
  const documentOf = (name: string) => {
    const body = documents.find((o) => o.name === name)?.body;
    if (body === undefined) throw new Error(`${name} is not in clients/trusted-documents.json: run npm run documents`);
    return body;
  };
  const eventsQuery = documentOf('MyDossierEvents');
  const maxLevel = Math.max(0, ...options.streamLevels);
  const streamCitizens = pickPushCitizens(options.world, options.streamCitizens, 1);
  const perPrincipalCap = Math.min(1_000, Math.max(8, Math.ceil(maxLevel / Math.max(1, streamCitizens.length)) + 2));
  // The gateway refuses a stream cap its heap cannot hold (gateway/subscriptions: HEAP_PER_STREAM_BYTES): the streams
  // gateway gets the heap the largest level needs, unless --push-heap-mb says otherwise (then its own cap follows it).
  const neededHeapMb = Math.ceil(((maxLevel + 1_000) * HEAP_PER_STREAM_BYTES) / STREAM_SHARE_OF_HEAP / 2 ** 20) + 64;
  const streamsHeapMb = options.streamsHeapMb ?? neededHeapMb;
  const maxStreamsCap = maxStreamsForHeap(streamsHeapMb * 2 ** 20);
  const gatewayEnv = { SUBSCRIPTIONS_MAX_STREAMS_PER_PRINCIPAL: String(perPrincipalCap) };
  const citizens = pickPushCitizens(options.world, options.citizens);

  const supervisionPid = bench.stack.services.get('supervision')?.child.pid;
  if (supervisionPid === undefined) throw new Error('the bench stack has no supervision process');
  process.kill(supervisionPid, 'SIGSTOP');
  let kept: PushServices | undefined;
  let streamsGateway: SpawnedService | undefined;
  try {
    const latency: PushLatencyFigures[] = [];
    for (const [i, pollMs] of options.pollIntervals.entries()) {
      log(`push: a supervision subgraph polling every ${pollMs} ms and a gateway reading its events`);
      const services = await startPushServices(bench, pollMs, gatewayEnv, options.onLine);
      const keep = i === options.pollIntervals.length - 1 && options.streamLevels.length > 0;
      try {
        latency.push(
          await measurePushLatency({
            origin: services.origin,
            pollMs,
            citizens,
            wsShare: options.wsShare,
            changes: options.changes,
            changesPerSecond: options.changesPerSecond,
            query: eventsQuery,
            idp: options.idp,
            legacyUrls: options.legacyUrls,
            log,
          }),
        );
      } finally {
        if (keep) {
          await services.gateway.stop();
          kept = services;
        } else await services.stop();
      }
    }

    const polling =
      options.pollingRounds > 0
        ? await measurePushPolling({
            url: stackGatewayEndpoint(bench).url,
            citizens,
            rounds: options.pollingRounds,
            roundIntervalMs: options.pollingRoundIntervalMs,
            query: documentOf('DossierStatus'),
            idp: options.idp,
            legacyUrls: options.legacyUrls,
            log,
          })
        : undefined;

    let streams: PushStreamsFigures | undefined;
    if (options.streamLevels.length > 0) {
      if (!kept) {
        // No latency figure ran: a supervision subgraph of the figure's own all the same (its gateway is not needed).
        kept = await startPushServices(bench, streamsPollMs, gatewayEnv, options.onLine);
        await kept.gateway.stop();
      }
      log(`push streams: a fresh gateway (SUBSCRIPTIONS_MAX_STREAMS=${maxStreamsCap}, per principal ${perPrincipalCap}) for ${options.streamLevels.join(', ')} streams`);
      // Its last lines: why it exited, if it does (V8's "heap out of memory" comes on stderr before the abort).
      const lastLines: string[] = [];
      const onLine = (service: string, line: string) => {
        if (service === 'guichet-streams' && lastLines.push(line) > 20) lastLines.shift();
        options.onLine(service, line);
      };
      const heapEnv: Record<string, string> = { NODE_OPTIONS: `--max-old-space-size=${streamsHeapMb}`, SUBSCRIPTIONS_MAX_STREAMS: String(maxStreamsCap) };
      streamsGateway = await spawnGuichetGateway(bench, 'guichet-streams', { DOSSIER_EVENTS_URL: new URL('/internal/dossier-events', kept.supervision.url).href, ...gatewayEnv, ...heapEnv }, onLine);
      streams = await measurePushStreams({
        gateway: streamsGateway,
        pollMs: kept.pollMs,
        levels: options.streamLevels,
        citizens: streamCitizens,
        perPrincipalCap,
        maxStreamsCap,
        idleS: options.idleS,
        burstChanges: options.burstChanges,
        heapLimit: `--max-old-space-size=${streamsHeapMb} (the production gateway runs with ${gatewayNodeOptions}: its cap is then ${maxStreamsForHeap(160 * 2 ** 20)} streams)`,
        lastLines: () => lastLines,
        query: eventsQuery,
        idp: options.idp,
        legacyUrls: options.legacyUrls,
        log,
      });
    }

    const cost: PushCostRow[] = polling
      ? latency.flatMap((l) =>
          costCitizenCounts.map((k) => ({
            citizens: k,
            pollMs: l.pollMs,
            pushPerCitizenHour: pushCallsPerCitizenHour({
              feedCallsPerSecond: l.feedCallsPerSecond,
              citizens: k,
              callsPerOpen: l.callsPerOpen,
              opensPerHour: assumedOpensPerHour,
              otherCallsPerCitizenSecond: l.otherCalls / Math.max(1e-9, l.windowS) / Math.max(1, l.subscribers.sse + l.subscribers.ws),
            }),
            pollingPerCitizenHour: pollingCallsPerCitizenHour(polling.callsPerPoll, appPollIntervalS),
          })),
        )
      : [];
    return {
      loadAtStart,
      loadAtEnd: describeLoad(),
      latency,
      ...(polling ? { polling } : {}),
      cost,
      opensPerHour: assumedOpensPerHour,
      appPollIntervalS,
      ...(streams ? { streams } : {}),
    };
  } finally {
    await streamsGateway?.stop();
    await kept?.stop();
    process.kill(supervisionPid, 'SIGCONT');
  }
}

const describeLoad = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
