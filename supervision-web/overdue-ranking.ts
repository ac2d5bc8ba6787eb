import { dataTable, h, scrollBox } from './dom.js';
import { formatInt, formatShare, ministryLabel } from './format.js';
import type { CatalogueProcedure, RoomFilter, SupervisionOverview } from './overview.js';
import { catalogueRows } from './procedure-catalogue-rows.js';

/** Rows of each ranking: the ones a director acts on first. */
const shown = 10;

interface RankRow {
  readonly key: string;
  readonly name: string;
  readonly ministry: string;
  readonly overdueBacklog: number;
  readonly beyondLegalDelay: number;
  readonly total: number;
  /** The API's share for a procedure; a body's from its procedures' counts. */
  readonly share: number;
}

const byLateness = (a: RankRow, b: RankRow) => b.overdueBacklog - a.overdueBacklog || b.beyondLegalDelay - a.beyondLegalDelay || a.name.localeCompare(b.name, 'fr');

/** Procedures, and the bodies that handle them, ranked by their open dossiers already past the legal delay. */
export function overdueRanking(overview: SupervisionOverview, catalogue: readonly CatalogueProcedure[], filter: RoomFilter): HTMLElement {
  const heading = h('h2', { id: 'titre-retards' }, 'Qui dépasse le délai légal');
  const section = h('section', { class: 'carte large', id: 'retards', 'aria-labelledby': 'titre-retards' }, heading);
  const procedures: RankRow[] = catalogueRows(overview, catalogue, filter).flatMap(({ procedure, figures }) =>
    figures && figures.beyondLegalDelay > 0
      ? [
          {
            key: procedure.code,
            name: procedure.title,
            ministry: procedure.ministryCode,
            overdueBacklog: figures.overdueBacklog,
            beyondLegalDelay: figures.beyondLegalDelay,
            total: figures.total,
            share: figures.beyondLegalDelayShare,
          },
        ]
      : [],
  );
  if (procedures.length === 0) {
    section.append(h('p', { class: 'vide' }, 'Aucune démarche ne dépasse son délai légal sur ce filtre.'));
    return section;
  }
  // A body's figures are sums of its procedures' counts: exact, since each dossier belongs to one procedure.
  const bodies = new Map<string, { -readonly [K in keyof RankRow]: RankRow[K] }>();
  for (const row of procedures) {
    const procedure = catalogue.find((p) => p.code === row.key);
    const key = procedure?.handlingBody?.code ?? `ministere:${row.ministry}`;
    const name = procedure?.handlingBody?.name ?? ministryLabel(row.ministry);
    const body = bodies.get(key) ?? { key, name, ministry: row.ministry, overdueBacklog: 0, beyondLegalDelay: 0, total: 0, share: 0 };
    body.overdueBacklog += row.overdueBacklog;
    body.beyondLegalDelay += row.beyondLegalDelay;
    body.total += row.total;
    body.share = Math.round((body.beyondLegalDelay / body.total) * 10_000) / 10_000;
    bodies.set(key, body);
  }
  const columns = (first: string) =>
    [
      { header: first, cell: (r: RankRow) => r.name, value: (r: RankRow) => r.key },
      { header: 'En cours hors délai', cell: (r: RankRow) => formatInt(r.overdueBacklog), value: (r: RankRow) => r.overdueBacklog, numeric: true },
      { header: 'Hors délai (tous)', cell: (r: RankRow) => formatInt(r.beyondLegalDelay), value: (r: RankRow) => r.beyondLegalDelay, numeric: true },
      { header: 'Part hors délai', cell: (r: RankRow) => formatShare(r.share), value: (r: RankRow) => r.share, numeric: true },
    ] as const;
  section.append(
    h(
      'div',
      { class: 'deux-colonnes' },
      h('div', {}, scrollBox(dataTable('Démarches les plus en retard', columns('Démarche'), procedures.sort(byLateness).slice(0, shown), { id: 'table-retard-demarches' }))),
      h('div', {}, scrollBox(dataTable('Organismes les plus en retard', columns('Organisme'), [...bodies.values()].sort(byLateness).slice(0, shown), { id: 'table-retard-organismes' }))),
    ),
  );
  return section;
}
