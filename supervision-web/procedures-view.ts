import { drillButton } from './drill-down.js';
import { dataTable, h, scrollBox } from './dom.js';
import { dash, formatDays, formatInt, formatShare, ministryLabel } from './format.js';
import type { CatalogueProcedure, RoomFilter, SupervisionOverview } from './overview.js';
import { type CatalogueRow, catalogueRows, inAlert } from './procedure-catalogue-rows.js';

/**
 * Every procedure of the catalogue the filter covers — the energy & mines ministry's 29 included — with its
 * handling body and legal delay, whether it has dossiers or not, and a way down to its communes.
 */
export function proceduresView(overview: SupervisionOverview, catalogue: readonly CatalogueProcedure[], filter: RoomFilter): HTMLElement {
  const rows = catalogueRows(overview, catalogue, filter);
  const heading = h('h2', { id: 'titre-catalogue' }, 'Toutes les démarches et leur délai légal');
  const section = h('section', { class: 'carte large', id: 'catalogue', 'aria-labelledby': 'titre-catalogue' }, heading);
  const withheld = `moins de ${overview.minGroupSize} dossiers ou aucun`;
  section.append(
    h(
      'p',
      { class: 'resume' },
      `${formatInt(rows.length)} démarches. Une démarche sans chiffres a ${withheld} sur ce filtre : ses chiffres ne sont pas montrés, pour qu’aucun demandeur ne soit reconnaissable.`,
    ),
  );
  const filterFor = (row: CatalogueRow): RoomFilter => ({ ...filter, ministry: row.procedure.ministryCode, procedure: row.procedure.code });
  const figure = (row: CatalogueRow, pick: (f: NonNullable<CatalogueRow['figures']>) => number | null, format: (v: number | null) => string) => (row.figures ? format(pick(row.figures)) : dash);
  const table = dataTable(
    'Démarches du catalogue : délai légal, organisme, chiffres',
    [
      {
        header: 'Démarche',
        cell: (r: CatalogueRow) => (r.figures && !filter.procedure ? drillButton(r.procedure.title, `${r.procedure.title} : voir par commune`, filterFor(r)) : r.procedure.title),
        value: (r) => r.procedure.code,
      },
      { header: 'Ministère', cell: (r) => ministryLabel(r.procedure.ministryCode) },
      { header: 'Organisme', cell: (r) => r.procedure.handlingBody?.name ?? dash },
      { header: 'Délai légal', cell: (r) => formatDays(r.procedure.legalDelayDays), value: (r) => r.procedure.legalDelayDays, numeric: true },
      { header: 'Dossiers', cell: (r) => figure(r, (f) => f.total, formatInt), value: (r) => r.figures?.total, numeric: true },
      { header: 'Délai médian', cell: (r) => figure(r, (f) => f.processingDaysP50, formatDays), value: (r) => r.figures?.processingDaysP50, numeric: true },
      { header: 'Hors délai', cell: (r) => figure(r, (f) => f.beyondLegalDelayShare, formatShare), value: (r) => r.figures?.beyondLegalDelayShare, numeric: true },
      { header: 'En cours hors délai', cell: (r) => figure(r, (f) => f.overdueBacklog, formatInt), value: (r) => r.figures?.overdueBacklog, numeric: true },
      {
        header: 'Alerte',
        cell: (r) => (inAlert(r.figures, overview.alertThresholds) ? h('span', { class: 'pastille alerte' }, 'Alerte') : r.figures ? h('span', { class: 'pastille ok' }, 'Non') : dash),
        value: (r) => (r.figures ? (inAlert(r.figures, overview.alertThresholds) ? 1 : 0) : undefined),
      },
    ],
    rows,
    { id: 'table-catalogue' },
  );
  section.append(scrollBox(table));
  return section;
}
