import { describe, expect, it } from 'vitest';
import { createGatewayMetrics } from '../gateway/metrics/index.js';
import type { TargetFigures } from './bench-figures.js';
import { errorsCell } from './markdown-cells.js';
import { combineRuns, countersBetween, parseGatewayCounters, type MeasuredRun } from './measure-target.js';
import { noLegacyCalls } from './legacy-calls.js';

describe('the gateway counters a bench run reads', () => {
  // The gateway's own registry, as its `/metrics` prints it: the parser reads the real names and labels.
  const gateway = () => {
    const metrics = createGatewayMetrics();
    const refused = { 'queue-full': 0, 'queue-timeout': 0, 'event-loop-delay': 0 };
    const cache = { hits: 0, misses: 0, pending: 0, kept: 0, entries: 0, bytes: 0 };
    metrics.watchAdmission(() => ({ inFlight: 0, queued: 0, limit: 8, admitted: 0, refused: { ...refused }, eventLoopDelayMs: 0, saturated: false }));
    metrics.watchPrivateResponses(() => ({ ...cache }));
    return { refused, cache, text: () => metrics.registry.metrics() };
  };

  it.each([
    [{ 'queue-full': 12, 'queue-timeout': 0, 'event-loop-delay': 0 }, 30],
    [{ 'queue-full': 0, 'queue-timeout': 3, 'event-loop-delay': 41 }, 0],
    [{ 'queue-full': 0, 'queue-timeout': 0, 'event-loop-delay': 0 }, 7],
  ])('counts what one run added: refusals by rule %o, %i served whole', async (added, hits) => {
    const g = gateway();
    g.refused['queue-full'] = 5;
    g.cache.hits = 100;
    const before = parseGatewayCounters(await g.text());
    for (const [rule, n] of Object.entries(added)) g.refused[rule as keyof typeof g.refused] += n;
    g.cache.hits += hits;
    const run = countersBetween(before, parseGatewayCounters(await g.text()));
    expect(run.servedWhole).toBe(hits);
    expect(run.refusedAtDoor).toEqual(Object.fromEntries(Object.entries(added).filter(([, n]) => n > 0)));
  });

  it('sums the rounds, and the errors cell says which rule refused the 503s', () => {
    const load = { sent: 100, responses: 100, durationS: 1, latenciesMs: [5], non2xx: 9, graphqlErrors: 0, transportErrors: 0, errorSamples: [] };
    const round = (refusedAtDoor: Record<string, number>): MeasuredRun => ({ load, legacyCalls: noLegacyCalls, feedCalls: noLegacyCalls, servedWhole: 1, refusedAtDoor });
    const figures: TargetFigures = combineRuns('guichet', [round({ 'queue-full': 4 }), round({ 'queue-full': 1, 'event-loop-delay': 13 })]);
    expect(figures.refusedAtDoor).toEqual({ 'queue-full': 5, 'event-loop-delay': 13 });
    expect(errorsCell(figures)).toBe('**18** (18 non-2xx: 503 queue-full 5, event-loop-delay 13)');
    expect(errorsCell({ ...figures, refusedAtDoor: {} })).toBe('**18** (18 non-2xx)');
  });
});
