import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { registerProcedureMetrics } from '../../subgraphs/supervision/procedure-metrics.js';
import { createReadModel } from '../../subgraphs/supervision/read-model/index.js';
import { readSupervisionRules } from '../../tests/support/supervision-rules.js';

describe('the example supervision alerting rules', () => {
  const { rules, metrics } = readSupervisionRules();

  it('are well-formed alerting rules reading Guichet metrics', () => {
    expect(rules.map((r) => r.alert)).toEqual(['SupervisionProcedureBeyondLegalDelay', 'SupervisionProcedureOverdueBacklog', 'SupervisionNoIngestingLeader']);
    for (const rule of rules) expect(rule.expr).toMatch(/guichet_/);
    expect(metrics).toContain('guichet_supervision_alert_threshold');
  });

  it('compare the figures with the thresholds the room shows, through metrics its registry exports', async () => {
    const registry = new Registry();
    const model = createReadModel({ minGroupSize: 1 });
    registerProcedureMetrics(registry, {
      model,
      ingestion: () => ({ feeds: [], initialLoadComplete: true, asOfMs: null, unavailable: [] }),
      clock: Date.now,
      alertThresholds: { beyondLegalDelayShare: 0.3, overdueBacklog: 7 },
    });
    const exported = (await registry.getMetricsAsJSON()).map((m) => m.name);
    // The leader gauge is registered beside them at start-up (start-supervision-subgraph.ts); the integration test scrapes the real one.
    expect(metrics.filter((m) => m !== 'guichet_supervision_leader').every((m) => exported.includes(m))).toBe(true);
    expect(await registry.getSingleMetricAsString('guichet_supervision_alert_threshold')).toContain('guichet_supervision_alert_threshold{threshold="overdue_backlog"} 7');
  });
});
