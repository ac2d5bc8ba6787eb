import { drillButton } from './drill-down.js';
import { dataTable, h, scrollBox } from './dom.js';
import { communeLabel, formatDays, formatInt, formatShare } from './format.js';
import type { ProcessingFigures, RoomFilter, SupervisionOverview } from './overview.js';

/** Rows shown: the busiest communes; the rest is summed in a last line so that the column totals still add up. */
const shown = 12;

interface CommuneRow {
  /** Null for the line that sums the other communes. */
  readonly commune: string | null;
  readonly label: string;
  readonly figures: Pick<ProcessingFigures, 'total' | 'backlog' | 'waitingOnCitizen'> & Partial<ProcessingFigures>;
}

export function communesTable(overview: SupervisionOverview, filter: RoomFilter): HTMLElement {
  const heading = h('h2', { id: 'titre-communes' }, 'Par commune');
  // Said where the numbers are, so that a sum lower than the total surprises nobody.
  const floor = h('p', { class: 'resume' }, `Les communes de moins de ${formatInt(overview.minGroupSize)} dossiers ne sont pas montrées.`);
  const section = h('section', { class: 'carte large', id: 'communes', 'aria-labelledby': 'titre-communes' }, heading);
  const sorted = [...overview.byCommune].filter((c) => c.figures.total > 0).sort((a, b) => b.figures.total - a.figures.total || (a.commune < b.commune ? -1 : 1));
  if (sorted.length === 0) {
    section.append(h('p', { class: 'vide' }, 'Les systèmes ne donnent pas la commune de ces dossiers.'));
    return section;
  }
  const rows: CommuneRow[] = sorted.slice(0, shown).map((c) => ({ commune: c.commune, label: communeLabel(c.commune), figures: c.figures }));
  const rest = sorted.slice(shown);
  if (rest.length > 0) {
    const sum = (pick: (f: ProcessingFigures) => number) => rest.reduce((total, c) => total + pick(c.figures), 0);
    rows.push({ commune: null, label: `${rest.length} autres communes`, figures: { total: sum((f) => f.total), backlog: sum((f) => f.backlog), waitingOnCitizen: sum((f) => f.waitingOnCitizen) } });
  }
  const table = dataTable(
    'Dossiers par commune',
    [
      {
        header: 'Commune',
        cell: (r: CommuneRow) => (r.commune === null || filter.commune ? r.label : drillButton(r.label, `${r.label} : voir cette commune seule`, { ...filter, commune: r.commune })),
        value: (r) => r.commune ?? undefined,
      },
      { header: 'Dossiers', cell: (r) => formatInt(r.figures.total), value: (r) => r.figures.total, numeric: true },
      { header: 'En cours', cell: (r) => formatInt(r.figures.backlog), value: (r) => r.figures.backlog, numeric: true },
      { header: 'Attente citoyen', cell: (r) => formatInt(r.figures.waitingOnCitizen), value: (r) => r.figures.waitingOnCitizen, numeric: true },
      { header: 'Délai médian', cell: (r) => formatDays(r.figures.processingDaysP50), value: (r) => r.figures.processingDaysP50, numeric: true },
      { header: 'Hors délai', cell: (r) => formatShare(r.figures.beyondLegalDelayShare), value: (r) => r.figures.beyondLegalDelayShare, numeric: true },
    ],
    rows,
    { id: 'table-communes' },
  );
  section.append(floor, scrollBox(table));
  return section;
}
