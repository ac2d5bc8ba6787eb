import { Gauge, type Registry } from 'prom-client';
import { procedures } from '../../schema/index.js';
import type { SupervisionSource } from './context.js';

/** Labels of a procedure's series: enough for an alert to say where to look, nothing about a person. */
const labelNames = ['procedure', 'ministry', 'body'] as const;
const bodyOf = new Map<string, string>(procedures.map((p) => [p.code, p.handlingBody?.code ?? '']));
const ministryOf = new Map<string, string>(procedures.map((p) => [p.code, p.ministry]));

/**
 * The room's per-procedure figures and alert thresholds as gauges, so that Prometheus alerting rules
 * (deploy/prometheus/supervision-rules.yml) fire on the same figures and thresholds the room shows. Read at scrape
 * time from the read model's unfiltered view (cached until the next change); a procedure below the aggregation
 * floor has no series, exactly as it has no row on the room.
 */
export function registerProcedureMetrics(registry: Registry, supervision: SupervisionSource): void {
  const view = () => supervision.model.overview({}, supervision.ingestion().asOfMs ?? supervision.clock());
  const perProcedure = (name: string, help: string, pick: (f: ReturnType<typeof view>['totals']) => number) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        for (const { procedure, figures } of view().byProcedure) this.set({ procedure, ministry: ministryOf.get(procedure) ?? '', body: bodyOf.get(procedure) ?? '' }, pick(figures));
      },
    });
  perProcedure('guichet_supervision_procedure_dossiers', 'Dossiers of a procedure in the supervision read model (groups below the aggregation floor are left out).', (f) => f.total);
  perProcedure('guichet_supervision_procedure_backlog', 'Open dossiers of a procedure.', (f) => f.backlog);
  perProcedure('guichet_supervision_procedure_overdue_backlog', 'Open dossiers of a procedure already older than its legal delay.', (f) => f.overdueBacklog);
  perProcedure('guichet_supervision_procedure_beyond_legal_delay_ratio', 'Share (0..1) of a procedure’s dossiers, open or decided, past its legal delay.', (f) => f.beyondLegalDelayShare);
  const { alertThresholds } = supervision;
  new Gauge({
    name: 'guichet_supervision_alert_threshold',
    help: 'The supervision room’s alert thresholds (SUPERVISION_ALERT_*), for alerting rules to compare against.',
    labelNames: ['threshold'],
    registers: [registry],
    collect() {
      this.set({ threshold: 'beyond_legal_delay_ratio' }, alertThresholds.beyondLegalDelayShare);
      this.set({ threshold: 'overdue_backlog' }, alertThresholds.overdueBacklog);
    },
  });
  new Gauge({
    name: 'guichet_supervision_min_group_size',
    help: 'The aggregation floor: groups of fewer dossiers are not shown (SUPERVISION_MIN_GROUP_SIZE).',
    registers: [registry],
    collect() {
      this.set(supervision.model.minGroupSize);
    },
  });
}
