import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { legacySystems, RequiresScopes } from '../../shared/index.js';
import type { SupervisionContext } from '../context.js';
import { previousPeriodOf, type ProcessingFigures as Figures } from '../read-model/index.js';
import { overviewQueryOf } from './overview-query-of.js';
import type { ProcessingFigures } from './processing-figures.js';
import { SupervisionFilter } from './supervision-filter.js';
import { SupervisionOverview } from './supervision-overview.js';

const figuresOf = (f: Figures): ProcessingFigures => ({ ...f, byStatus: [...f.byStatus] });

@Resolver()
export class SupervisionResolver {
  @RequiresScopes(['supervision:read'])
  @Query(() => SupervisionOverview, { description: 'La salle de supervision : chiffres de traitement des dossiers, par ministère, démarche et commune. Réservé aux superviseurs.' })
  supervision(@Arg('filter', () => SupervisionFilter, { nullable: true }) filter: SupervisionFilter | null, @Ctx() ctx: SupervisionContext): SupervisionOverview {
    const query = overviewQueryOf(filter);
    const { model, clock } = ctx.supervision;
    const status = ctx.supervision.ingestion();
    const asOfMs = status.asOfMs ?? clock();
    const view = model.overview(query, asOfMs);
    const previousQuery = previousPeriodOf(query, asOfMs);
    const previous = previousQuery && model.overview(previousQuery, asOfMs);
    return {
      asOf: new Date(view.asOfMs).toISOString(),
      minGroupSize: model.minGroupSize,
      belowFloor: view.belowFloor,
      withheldGroups: view.withheldGroups,
      alertThresholds: { ...ctx.supervision.alertThresholds },
      previousPeriod: previousQuery && previous ? { from: previousQuery.from ?? '', to: previousQuery.to ?? '', belowFloor: previous.belowFloor, totals: figuresOf(previous.totals) } : null,
      incomplete: status.unavailable.length > 0,
      unavailableSystems: [...status.unavailable],
      totals: figuresOf(view.totals),
      byMinistry: view.byMinistry.map((m) => ({ ministry: m.ministry, figures: figuresOf(m.figures) })),
      // The Procedure entity by its code: the dossiers subgraph adds its title, ministry, legal delay…
      byProcedure: view.byProcedure.map((p) => ({ procedure: { code: p.procedure }, figures: figuresOf(p.figures) })),
      byCommune: view.byCommune.map((c) => ({ commune: c.commune, figures: figuresOf(c.figures) })),
      submittedPerDay: [...view.submittedPerDay],
      legacySystems: legacySystems.map((system) => ({ system })),
    };
  }
}
