import { mb, ms, table } from './markdown-cells.js';
import type { PushFigures } from './measure-push.js';
import type { PushLatency } from './push-cost.js';

const latencyCells = (l: PushLatency) => (l.count === 0 ? ['—', '—', '—', '—'] : [ms(l.p50Ms), ms(l.p95Ms), ms(l.p99Ms), ms(l.maxMs)]);
const bold = (n: number) => (n === 0 ? '0' : `**${n}**`);
const calls = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(1) : n.toFixed(3));

/** The "push against polling" section of the report (issue 15's figures). */
export function formatPush(figures: PushFigures): string {
  const out: string[] = ['## Push against polling: dossier events (issue 15)', ''];
  out.push(`Load average (1/5/15 min) at the section's start / end: ${figures.loadAtStart} / ${figures.loadAtEnd} — a shared 2-core machine: latencies carry its noise.`, '');

  if (figures.latency.length > 0) {
    out.push("### From a legacy status change to the citizen's app", '');
    const rows = figures.latency.flatMap((l) =>
      (['all', 'sse', 'ws'] as const).map((transport) => {
        const summary = transport === 'all' ? l.latency : l.latencyByTransport[transport];
        const who = transport === 'all' ? `${l.subscribers.sse + l.subscribers.ws} apps` : transport === 'sse' ? `graphql-sse (${l.subscribers.sse})` : `graphql-ws (${l.subscribers.ws})`;
        return [
          String(l.pollMs),
          who,
          String(summary.count),
          ...latencyCells(summary),
          ...(transport === 'all' ? [`${l.changes}`, bold(l.missed), bold(l.duplicated), bold(l.streamFailures), String(l.unexpected)] : ['', '', '', '', '']),
        ];
      }),
    );
    out.push(
      table(
        ['`SUPERVISION_POLL_MS`', 'subscribers', 'changes timed', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'changes made', 'missed events', 'duplicated events', 'failed streams', 'other events'],
        rows,
      ),
      '',
    );
    const first = figures.latency[0]!;
    out.push(
      `Each change: \`POST /__admin/dossiers/<number>/status\` on a simulator (CEET, Urbanisme, RNEC, SIGEM), timed from that call to the owner's app receiving the STATUS_CHANGED event; ${first.dossiers} dossiers of ${first.subscribers.sse + first.subscribers.ws} citizens, changes at random instants (about ${Math.round(first.changes / Math.max(1, first.windowS))}/s), never two pending on one dossier. The poll interval dominates: an event waits on average half an interval for the next poll of its feed. Missed: an event a change owed that did not arrive within max(15 s, 5 polls + 10 s); duplicated: a cursor received twice, or a change's event type twice. Other events: events of no timed change (none expected).`,
    );
    for (const l of figures.latency) {
      if (l.failureSamples.length > 0) out.push(`- poll ${l.pollMs} ms, failed streams: ${l.failureSamples.join('; ')}`);
      if (l.adminFailures > 0) out.push(`- poll ${l.pollMs} ms: ${l.adminFailures} admin calls failed`);
    }
    out.push('');
  }

  if (figures.cost.length > 0 && figures.polling) {
    const p = figures.polling;
    out.push(`### Legacy calls per citizen per hour: push against polling every ${figures.appPollIntervalS} s`, '');
    out.push(
      table(
        ['citizens', '`SUPERVISION_POLL_MS`', `polling every ${figures.appPollIntervalS} s`, 'push', 'polling / push'],
        figures.cost.map((c) => [
          String(c.citizens),
          String(c.pollMs),
          calls(c.pollingPerCitizenHour),
          calls(c.pushPerCitizenHour),
          c.pushPerCitizenHour > 0 ? `${(c.pollingPerCitizenHour / c.pushPerCitizenHour).toFixed(0)}×` : '∞',
        ]),
      ),
      '',
    );
    const feeds = figures.latency.map((l) => `${l.feedCallsPerSecond.toFixed(2)}/s at ${l.pollMs} ms (${(l.feedCallsPerSecond * 3_600).toFixed(0)}/h)`).join(', ');
    const opens = figures.latency.map((l) => `${calls(l.callsPerOpen)} at ${l.pollMs} ms`).join(', ');
    const others = figures.latency.map((l) => `${l.otherCalls} in ${l.windowS.toFixed(0)} s at ${l.pollMs} ms`).join(', ');
    out.push(
      `- **Polling** = calls per poll × 3600 / ${figures.appPollIntervalS}. Measured: ${p.citizens} citizens (${p.dossiers} dossiers) each asked \`DossierStatus\` for every one of their dossiers, ${p.rounds} rounds ${p.roundIntervalMs} ms apart (compressed time: the app's interval is ${figures.appPollIntervalS} s; a status cache kept longer than ${p.roundIntervalMs} ms would only make polling look cheaper): ${p.requests} requests (${p.failures} failed), ${p.legacyCalls} legacy calls — ${p.callsPerPoll.toFixed(2)} per citizen poll, ${p.callsPerDossier.toFixed(2)} per dossier asked. It does not depend on the number of citizens.`,
      `- **Push** = feed calls per second × 3600 / citizens + opens per hour × calls per open + other calls per subscribed citizen per second × 3600. Feed calls (the supervision subgraph's change-feed reads, all four systems, shared by every subscriber whatever their number): ${feeds}. Calls per subscription opened: ${opens}; opens per hour assumed: ${figures.opensPerHour}. Other legacy calls while subscribed: ${others}.`,
      '',
    );
  }

  const s = figures.streams;
  if (s) {
    out.push('### Memory and CPU of open SSE streams on one gateway process', '');
    const rows = [
      ['0', '—', mb(s.baseline.rssMb), mb(s.baseline.heapUsedMb), '—', '—', s.baseline.idleCpuPercent.toFixed(1), '—', '—', '—'],
      ...s.levels.map((l) => [
        String(l.streams),
        `${l.open}${l.refused + l.ended > 0 ? ` (${l.refused} refused, ${l.ended} ended)` : ''} in ${l.openS.toFixed(0)} s`,
        mb(l.memory.rssMb),
        mb(l.memory.heapUsedMb),
        l.rssPerThousandMb.toFixed(1),
        l.heapPerThousandMb.toFixed(1),
        l.idleCpuPercent.toFixed(1),
        `${l.burst.delivered}/${l.burst.expectedDeliveries} (${l.burst.changes} changes) in ${l.burst.seconds.toFixed(1)} s`,
        l.burst.cpuPercent.toFixed(0),
        l.burst.cpuMsPerThousandDeliveries.toFixed(0),
      ]),
    ];
    out.push(
      table(
        [
          'streams',
          'open',
          'RSS MB',
          'heap used MB',
          'RSS MB per 1,000',
          'heap MB per 1,000',
          'idle CPU % of a core',
          'burst: events delivered',
          'burst CPU % of a core',
          'CPU ms per 1,000 events (above idle)',
        ],
        rows,
      ),
      '',
    );
    out.push(
      `One gateway process (\`WORKERS=1\`, V8 heap limit: ${s.heapLimit}), \`SUBSCRIPTIONS_MAX_STREAMS=${s.maxStreamsCap}\`, \`SUBSCRIPTIONS_MAX_STREAMS_PER_PRINCIPAL=${s.perPrincipalCap}\`, streams spread over ${s.citizens} citizens' tokens, each on its own HTTP connection (graphql-sse's distinct connections mode, opened with node:http from the bench's process); open-file limit of the gateway process: ${s.fileLimit ?? 'unknown'}. RSS from /proc, heap from the gateway's \`/metrics\` (\`nodejs_heap_size_used_bytes\`), a few seconds after the streams opened. Idle: ${s.idleS} s with no event (graphql-sse's keep-alive comment every 12 s per stream). Burst: one status change per dossier of the first citizens, each event fanned out to all of its owner's streams, the feeds polled every ${s.pollMs} ms (the window includes the wait for the poll).`,
    );
    if (s.stoppedBecause) out.push('', `**Largest level not reached**: ${s.stoppedBecause}.`);
    if (s.failureSamples.length > 0) out.push('', `Stream failures seen: ${s.failureSamples.join('; ')}`);
  }
  return out.join('\n').trimEnd();
}
