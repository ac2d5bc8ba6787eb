import { findProcedure } from '../../../schema/index.js';
import { userInputError } from '../../shared/index.js';
import { MAX_PERIOD_DAYS, type OverviewQuery } from '../read-model/index.js';
import type { SupervisionFilter } from './supervision-filter.js';

const DAY_MS = 86_400_000;

/** The read model's query from the API filter, refusing what would only ever give a meaningless view. */
export function overviewQueryOf(filter: SupervisionFilter | null | undefined): OverviewQuery {
  const from = filter?.from ? filter.from.toISOString().slice(0, 10) : null;
  const to = filter?.to ? filter.to.toISOString().slice(0, 10) : null;
  if (filter?.procedure && !findProcedure(filter.procedure)) throw userInputError(`Aucune démarche n’a le code « ${filter.procedure.slice(0, 60)} ».`, ['filter', 'procedure']);
  if (from && to && from > to) throw userInputError('Le début de la période doit précéder sa fin.', ['filter', 'from']);
  if (from && to && (Date.parse(to) - Date.parse(from)) / DAY_MS >= MAX_PERIOD_DAYS) throw userInputError(`La période ne peut dépasser ${MAX_PERIOD_DAYS} jours.`, ['filter', 'from']);
  return { ministry: filter?.ministry ?? null, procedure: filter?.procedure ?? null, from, to, commune: filter?.commune ?? null };
}
