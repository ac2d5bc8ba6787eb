import { backlogChart } from './backlog-chart.js';
import { communesTable } from './communes-table.js';
import { delayChart, procedureRows } from './delay-chart.js';
import { drawCharts } from './chart-frame.js';
import { byId } from './dom.js';
import { formatDateTime, formatInt, formatTime } from './format.js';
import { keyFigures } from './key-figures.js';
import { legacyHealth } from './legacy-health.js';
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

  const summary = keyFigures(overview.totals);
  byId('synthese-conteneur').replaceChildren(summary);
  byId('grille').replaceChildren(
    volumeChart(overview, filter),
    delayChart(procedureRows(overview, catalogue)),
    backlogChart(overview),
    statusChart(overview),
    legacyHealth(overview),
    communesTable(overview),
  );
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
