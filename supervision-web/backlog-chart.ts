import { chartSlot, fitText } from './chart-frame.js';
import { niceTicks } from './chart-scale.js';
import { drillButton } from './drill-down.js';
import { dataTable, foldedTable, h, s } from './dom.js';
import { formatDays, formatInt, formatShare, ministryLabel } from './format.js';
import type { ProcessingFigures, RoomFilter, SupervisionOverview } from './overview.js';

interface MinistryRow {
  readonly ministry: string;
  readonly figures: ProcessingFigures;
}

function drawBacklog(rows: readonly MinistryRow[], width: number, rem: number): SVGSVGElement {
  const u = rem / 16;
  const rowHeight = 46 * u;
  const margin = { top: 4 * u, right: 18 * u, bottom: 26 * u, left: 14 * u };
  const ticks = niceTicks(Math.max(1, ...rows.map((r) => r.figures.backlog)), Math.max(2, Math.min(6, Math.floor(width / (80 * u)))));
  const top = ticks[ticks.length - 1]!;
  const height = Math.round(margin.top + rows.length * rowHeight + margin.bottom);
  const plotWidth = width - margin.left - margin.right;
  const x = (count: number) => margin.left + (count / top) * plotWidth;
  const bar = 18 * u;
  return s(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-labelledby': 'titre-stock legende-stock', class: 'graphique' },
    ...ticks.map((tick) =>
      s(
        'g',
        { class: 'grille-axe' },
        s('line', { x1: x(tick), x2: x(tick), y1: margin.top, y2: height - margin.bottom }),
        s('text', { x: x(tick), y: height - 8 * u, 'text-anchor': 'middle' }, formatInt(tick)),
      ),
    ),
    ...rows.map((row, index) => {
      const y = margin.top + index * rowHeight;
      const { backlog, waitingOnCitizen } = row.figures;
      const administration = Math.max(0, backlog - waitingOnCitizen);
      return s(
        'g',
        {},
        s(
          'text',
          { class: 'etiquette', x: margin.left, y: y + 15 * u },
          fitText(`${ministryLabel(row.ministry)} — ${formatInt(backlog)} en cours, dont ${formatInt(waitingOnCitizen)} chez le citoyen`, plotWidth, rem * 0.875),
        ),
        s('rect', { class: 'stock-administration', x: x(0), y: y + 21 * u, width: x(administration) - x(0), height: bar }, s('title', {}, `Chez l’administration : ${formatInt(administration)}`)),
        s(
          'rect',
          { class: 'stock-citoyen', x: x(administration), y: y + 21 * u, width: x(backlog) - x(administration), height: bar },
          s('title', {}, `En attente du citoyen : ${formatInt(waitingOnCitizen)}`),
        ),
      );
    }),
  );
}

/** Open dossiers per ministry, the part waiting on the citizen set apart: where the stock sits, and whose move it is. */
export function backlogChart(overview: SupervisionOverview, filter: RoomFilter): HTMLElement {
  const rows: MinistryRow[] = overview.byMinistry.filter((m) => m.figures.total > 0).sort((a, b) => b.figures.backlog - a.figures.backlog);
  const heading = h('h2', { id: 'titre-stock' }, 'Dossiers en cours par ministère');
  const section = h('section', { class: 'carte large', id: 'stock', 'aria-labelledby': 'titre-stock' }, heading);
  if (rows.length === 0) {
    section.append(h('p', { class: 'vide' }, 'Aucun dossier pour ce filtre.'));
    return section;
  }
  const svg = chartSlot((width, rem) => drawBacklog(rows, width, rem));
  const legend = h(
    'p',
    { class: 'legende', id: 'legende-stock' },
    h('span', { class: 'cle stock-administration' }),
    ' chez l’administration ',
    h('span', { class: 'cle stock-citoyen' }),
    ' en attente du citoyen',
  );
  const table = dataTable(
    'Stock et délais par ministère',
    [
      {
        header: 'Ministère',
        cell: (r: MinistryRow) =>
          filter.ministry ? ministryLabel(r.ministry) : drillButton(ministryLabel(r.ministry), `${ministryLabel(r.ministry)} : voir ses démarches`, { ...filter, ministry: r.ministry }),
        value: (r) => r.ministry,
      },
      { header: 'Dossiers', cell: (r) => formatInt(r.figures.total), value: (r) => r.figures.total, numeric: true },
      { header: 'En cours', cell: (r) => formatInt(r.figures.backlog), value: (r) => r.figures.backlog, numeric: true },
      { header: 'Attente citoyen', cell: (r) => formatInt(r.figures.waitingOnCitizen), value: (r) => r.figures.waitingOnCitizen, numeric: true },
      { header: 'Âge médian du stock', cell: (r) => formatDays(r.figures.backlogAgeDaysP50), value: (r) => r.figures.backlogAgeDaysP50, numeric: true },
      { header: 'Âge max', cell: (r) => formatDays(r.figures.backlogAgeDaysMax), value: (r) => r.figures.backlogAgeDaysMax, numeric: true },
      { header: 'Délai médian', cell: (r) => formatDays(r.figures.processingDaysP50), value: (r) => r.figures.processingDaysP50, numeric: true },
      { header: 'Hors délai', cell: (r) => formatShare(r.figures.beyondLegalDelayShare), value: (r) => r.figures.beyondLegalDelayShare, numeric: true },
    ],
    rows,
    { id: 'table-ministeres' },
  );
  section.append(svg, legend, foldedTable('Voir le tableau par ministère', table));
  return section;
}
