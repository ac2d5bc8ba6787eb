import { alertsPanel } from './alerts-panel.js';
import { backlogChart } from './backlog-chart.js';
import { communesTable } from './communes-table.js';
import { delayChart, procedureRows } from './delay-chart.js';
import { drawCharts } from './chart-frame.js';
import { breadcrumb } from './drill-down.js';
import { byId, h } from './dom.js';
import { formatDateTime, formatDay, formatInt, formatTime } from './format.js';
import { keyFigures } from './key-figures.js';
import { legacyHealth } from './legacy-health.js';
import { overdueRanking } from './overdue-ranking.js';
import { proceduresView } from './procedures-view.js';
import { addExportButtons } from './table-export.js';
import type { CatalogueProcedure, FiguresMessage, RoomFilter } from './overview.js';
import { statusChart } from './status-chart.js';
import { volumeChart } from './volume-chart.js';

/** How long a changed headline figure stays highlighted. */
const highlightMs = 4_000;

/**
 * Draws one `figures` frame. Sections are rebuilt whole (a frame arrives only when the figures changed); the tables a
 * reader had unfolded stay unfolded, and the headline figures that moved are highlighted for a few seconds.
 */
export function renderFigures(message: FiguresMessage, catalogue: readonly CatalogueProcedure[], filter: RoomFilter): void {
  const overview = message.data.supervision;
  const before = new Map([...document.querySelectorAll<HTMLElement>('#synthese dd.valeur')].map((dd) => [dd.id, dd.dataset.value]));
  const unfolded = new Set([...document.querySelectorAll('details[open] table[id]')].map((table) => table.id));

  const summary = keyFigures(overview.totals, overview.previousPeriod, overview.alertThresholds.beyondLegalDelayShare);
  byId('synthese-conteneur').replaceChildren(...[breadcrumb(filter, catalogue), reportTitle(filter), belowFloorNotice(overview), summary].filter((e) => e !== null));
  const grid = byId('grille');
  grid.replaceChildren(
    alertsPanel(overview, catalogue, filter),
    volumeChart(overview, filter),
    overdueRanking(overview, catalogue, filter),
    delayChart(procedureRows(overview, catalogue)),
    proceduresView(overview, catalogue, filter),
    backlogChart(overview, filter),
    statusChart(overview),
    communesTable(overview, filter),
    legacyHealth(overview),
  );
  addExportButtons(grid);
  drawCharts();

  for (const id of unfolded) document.getElementById(id)?.closest('details')?.setAttribute('open', '');
  const changed: string[] = [];
  for (const dd of summary.querySelectorAll<HTMLElement>('dd.valeur')) {
    const previous = before.get(dd.id);
    if (previous === undefined || previous === dd.dataset.value) continue;
    changed.push(dd.id);
    dd.classList.add('change');
    setTimeout(() => dd.classList.remove('change'), highlightMs);
  }
  if (changed.length > 0) byId('annonce').textContent = `Chiffres mis à jour : ${formatInt(overview.totals.total)} dossiers, ${formatInt(overview.totals.backlog)} en cours.`;

  const freshness = byId('fraicheur');
  freshness.textContent = `Données du modèle de lecture au ${formatDateTime(overview.asOf)} · reçues à ${formatTime(message.readAt)}`;
  const dashboard = byId('tableau');
  dashboard.dataset.lu = message.readAt;
  dashboard.dataset.asOf = overview.asOf;
}

/** A printed page says what it covers (the screen has the filter form for that). */
function reportTitle(filter: RoomFilter): HTMLElement {
  const period = filter.from || filter.to ? `du ${filter.from ? formatDay(filter.from) : 'début'} au ${filter.to ? formatDay(filter.to) : 'jour'}` : 'toutes périodes';
  return h('p', { class: 'titre-rapport', id: 'titre-rapport' }, `Rapport de supervision — ${period}`);
}

/** Figures withheld under the aggregation floor are said to be so, never shown as a plain zero. */
function belowFloorNotice(overview: FiguresMessage['data']['supervision']): HTMLElement | null {
  if (!overview.belowFloor) return null;
  return h(
    'p',
    { class: 'alerte', id: 'sous-le-seuil' },
    `Moins de ${formatInt(overview.minGroupSize)} dossiers pour ce filtre : aucun chiffre n’est montré, pour qu’aucun demandeur ne soit reconnaissable. Élargissez la période ou le périmètre.`,
  );
}
