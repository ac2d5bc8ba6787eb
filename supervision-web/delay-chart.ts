import { chartSlot, fitText } from './chart-frame.js';
import { niceTicks } from './chart-scale.js';
import { dataTable, h, s, scrollBox } from './dom.js';
import { formatDays, formatInt, formatShare, ministryLabel } from './format.js';
import type { CatalogueProcedure, ProcessingFigures, SupervisionOverview } from './overview.js';

export interface ProcedureRow {
  readonly code: string;
  readonly title: string;
  readonly ministryCode: string;
  readonly legalDelayDays: number | null;
  readonly figures: ProcessingFigures;
}

/** The procedures that have dossiers, named from the catalogue, busiest first. */
export function procedureRows(overview: SupervisionOverview, catalogue: readonly CatalogueProcedure[]): ProcedureRow[] {
  const byCode = new Map(catalogue.map((p) => [p.code, p]));
  return overview.byProcedure
    .filter((p) => p.figures.total > 0)
    .map(({ procedure, figures }) => {
      const known = byCode.get(procedure.code);
      return { code: procedure.code, title: known?.title ?? procedure.code, ministryCode: known?.ministryCode ?? '', legalDelayDays: known?.legalDelayDays ?? null, figures };
    })
    .sort((a, b) => b.figures.total - a.figures.total || (a.code < b.code ? -1 : 1));
}

function drawDelays(rows: readonly ProcedureRow[], width: number, rem: number): SVGSVGElement {
  const u = rem / 16;
  const rowHeight = 50 * u;
  const margin = { top: 4 * u, right: 18 * u, bottom: 26 * u, left: 14 * u };
  const max = Math.max(1, ...rows.flatMap((r) => [r.figures.processingDaysP90 ?? 0, r.figures.processingDaysP50 ?? 0, r.legalDelayDays ?? 0]));
  const ticks = niceTicks(max, Math.max(2, Math.min(8, Math.floor(width / (90 * u)))));
  const top = ticks[ticks.length - 1]!;
  const height = Math.round(margin.top + rows.length * rowHeight + margin.bottom);
  const plotWidth = width - margin.left - margin.right;
  const x = (days: number) => margin.left + (days / top) * plotWidth;
  const axisY = height - margin.bottom;
  const bar = 18 * u;
  return s(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-labelledby': 'titre-delais legende-delais', class: 'graphique' },
    ...ticks.map((tick) =>
      s(
        'g',
        { class: 'grille-axe' },
        s('line', { x1: x(tick), x2: x(tick), y1: margin.top, y2: axisY }),
        s('text', { x: x(tick), y: height - 8 * u, 'text-anchor': 'middle' }, `${formatInt(tick)} j`),
      ),
    ),
    ...rows.map((row, index) => {
      const rowTop = margin.top + index * rowHeight;
      const barY = rowTop + 22 * u;
      const { processingDaysP50: p50, processingDaysP90: p90, beyondLegalDelayShare: beyond } = row.figures;
      const late = row.legalDelayDays !== null && p90 !== null && p90 > row.legalDelayDays;
      return s(
        'g',
        { class: late ? 'procedure en-retard' : 'procedure' },
        s('text', { class: 'etiquette', x: margin.left, y: rowTop + 15 * u }, fitText(`${row.title} — ${formatShare(beyond)} hors délai`, plotWidth, rem * 0.875), s('title', {}, row.title)),
        s('rect', { class: 'piste', x: x(0), y: barY, width: plotWidth, height: bar }),
        p90 !== null && s('rect', { class: 'p90', x: x(0), y: barY, width: x(p90) - x(0), height: bar }, s('title', {}, `9e décile : ${formatDays(p90)}`)),
        p50 !== null && s('rect', { class: 'p50', x: x(0), y: barY + bar / 4, width: x(p50) - x(0), height: bar / 2 }, s('title', {}, `Médiane : ${formatDays(p50)}`)),
        row.legalDelayDays !== null &&
          s('line', { class: 'delai-legal', x1: x(row.legalDelayDays), x2: x(row.legalDelayDays), y1: barY - 4 * u, y2: barY + bar + 4 * u }, s('title', {}, `Délai légal : ${row.legalDelayDays} j`)),
      );
    }),
  );
}

/**
 * Processing time against the legal delay, per procedure: the median and the 9th decile of the days from filing to
 * decision as bars, the legal delay as a red mark; the share of dossiers past it in words.
 */
export function delayChart(rows: readonly ProcedureRow[]): HTMLElement {
  const heading = h('h2', { id: 'titre-delais' }, 'Délais de traitement face au délai légal');
  const section = h('section', { class: 'carte large', id: 'delais', 'aria-labelledby': 'titre-delais' }, heading);
  if (rows.length === 0) {
    section.append(h('p', { class: 'vide' }, 'Aucun dossier pour ce filtre.'));
    return section;
  }
  const svg = chartSlot((width, rem) => drawDelays(rows, width, rem));
  const legend = h(
    'p',
    { class: 'legende', id: 'legende-delais' },
    h('span', { class: 'cle p50' }),
    ' médiane du dépôt à la décision ',
    h('span', { class: 'cle p90' }),
    ' 9 dossiers sur 10 décidés en moins de ',
    h('span', { class: 'cle delai-legal' }),
    ' délai légal',
  );
  const table = dataTable(
    'Délais et stock par démarche',
    [
      { header: 'Démarche', cell: (r: ProcedureRow) => r.title, value: (r) => r.code },
      { header: 'Ministère', cell: (r) => ministryLabel(r.ministryCode) },
      { header: 'Dossiers', cell: (r) => formatInt(r.figures.total), value: (r) => r.figures.total, numeric: true },
      { header: 'Délai légal', cell: (r) => formatDays(r.legalDelayDays), value: (r) => r.legalDelayDays, numeric: true },
      { header: 'Médiane', cell: (r) => formatDays(r.figures.processingDaysP50), value: (r) => r.figures.processingDaysP50, numeric: true },
      { header: '9e décile', cell: (r) => formatDays(r.figures.processingDaysP90), value: (r) => r.figures.processingDaysP90, numeric: true },
      { header: 'Hors délai', cell: (r) => formatShare(r.figures.beyondLegalDelayShare), value: (r) => r.figures.beyondLegalDelayShare, numeric: true },
      { header: 'En cours', cell: (r) => formatInt(r.figures.backlog), value: (r) => r.figures.backlog, numeric: true },
      {
        header: 'Âge du stock (méd. / max)',
        cell: (r) => `${formatDays(r.figures.backlogAgeDaysP50)} / ${formatDays(r.figures.backlogAgeDaysMax)}`,
        value: (r) => r.figures.backlogAgeDaysMax,
        numeric: true,
      },
      { header: 'Attente citoyen', cell: (r) => formatInt(r.figures.waitingOnCitizen), value: (r) => r.figures.waitingOnCitizen, numeric: true },
    ],
    rows,
    { id: 'table-demarches' },
  );
  section.append(svg, legend, scrollBox(table));
  return section;
}
