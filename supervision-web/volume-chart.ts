import { chartSlot, textWidth } from './chart-frame.js';
import { bucketVolumes, niceTicks, type BucketUnit, type VolumeBucket } from './chart-scale.js';
import { dataTable, foldedTable, h, s } from './dom.js';
import { formatDay, formatDelta, formatInt, formatMonth, formatShortDay, formatShortMonth } from './format.js';
import type { RoomFilter, SupervisionOverview } from './overview.js';

const unitTitles: Readonly<Record<BucketUnit, string>> = { jour: 'par jour', semaine: 'par semaine', mois: 'par mois' };

function bucketLabel(unit: BucketUnit, bucket: VolumeBucket): string {
  const label = unit === 'mois' ? formatMonth(bucket.start) : unit === 'semaine' ? `semaine du ${formatDay(bucket.start)}` : formatDay(bucket.start);
  return bucket.complete ? label : `${label} (incomplète)`;
}

/** At most `count` evenly spread label positions, always the first and the last. */
function labelIndexes(length: number, count: number): number[] {
  if (length <= count) return [...Array(length).keys()];
  const step = (length - 1) / (count - 1);
  return [...new Set(Array.from({ length: count }, (_, i) => Math.round(i * step)))];
}

function xLabels(unit: BucketUnit, buckets: readonly VolumeBucket[], width: number, left: number, slot: number, rem: number): { text: string; x: number }[] {
  const fontPx = rem * 0.75;
  const label = (b: VolumeBucket) => (unit === 'mois' ? formatShortMonth(b.start) : formatShortDay(b.start));
  const widest = Math.max(...buckets.map((b) => textWidth(label(b), fontPx)));
  const span = slot * buckets.length;
  // Spacing for the widest label, a gap, half a label of shift at an edge, and one bar lost to rounding.
  const count = Math.max(1, Math.min(buckets.length, Math.floor(span / (1.5 * widest + 1.5 * fontPx + slot)) + 1));
  const indexes = count === 1 ? [0] : labelIndexes(buckets.length, count);
  return indexes.map((index) => {
    const centre = left + index * slot + slot / 2;
    const x = Math.min(Math.max(centre, widest / 2 + 1), width - widest / 2 - 1);
    return { text: label(buckets[index]!), x };
  });
}

function drawVolumes(unit: BucketUnit, buckets: readonly VolumeBucket[], width: number, rem: number): SVGSVGElement {
  const u = rem / 16;
  const margin = { top: 12 * u, right: 8 * u, bottom: 30 * u, left: 52 * u };
  const height = Math.round(230 * u);
  const peak = Math.max(1, ...buckets.map((b) => b.count));
  const ticks = niceTicks(peak, 4);
  const top = ticks[ticks.length - 1]!;
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const slot = plotWidth / buckets.length;
  const y = (value: number) => margin.top + plotHeight - (value / top) * plotHeight;
  return s(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-labelledby': 'titre-volumes resume-volumes', class: 'graphique' },
    ...ticks.map((tick) =>
      s(
        'g',
        { class: 'grille-axe' },
        s('line', { x1: margin.left, x2: width - margin.right, y1: y(tick), y2: y(tick) }),
        s('text', { x: margin.left - 6 * u, y: y(tick) + 4 * u, 'text-anchor': 'end' }, formatInt(tick)),
      ),
    ),
    ...buckets.map((bucket, index) =>
      s(
        'rect',
        {
          class: bucket.complete ? 'barre' : 'barre partielle',
          x: margin.left + index * slot + slot * 0.12,
          y: y(bucket.count),
          width: Math.max(1, slot * 0.76),
          height: Math.max(0, (bucket.count / top) * plotHeight),
        },
        s('title', {}, `${bucketLabel(unit, bucket)} : ${formatInt(bucket.count)}`),
      ),
    ),
    // As many labels as fit with a gap of 1.5 em between the widest two, measured in the page's font; each is
    // centred on its bar but kept inside the chart.
    ...xLabels(unit, buckets, width, margin.left, slot, rem).map(({ text, x }) => s('text', { class: 'etiquette-x', x, y: height - 9 * u, 'text-anchor': 'middle' }, text)),
  );
}

/** The unit a reader chose for the trend (undefined: by the period's length). Kept for the page's life. */
let chosenUnit: BucketUnit | undefined;

/** The event asking the page to draw the last figures again (main.ts listens). */
export const redrawEvent = 'salle:redessiner';

function unitChoice(current: BucketUnit): HTMLElement {
  const choice = h('select', { id: 'unite-tendance' }, h('option', { value: '' }, 'selon la période'), ...(['jour', 'semaine', 'mois'] as const).map((u) => h('option', { value: u }, unitTitles[u])));
  choice.value = chosenUnit ?? '';
  choice.addEventListener('change', () => {
    chosenUnit = choice.value === '' ? undefined : (choice.value as BucketUnit);
    document.dispatchEvent(new CustomEvent(redrawEvent));
  });
  return h('div', { class: 'champ champ-ligne', 'data-unite': current }, h('label', { for: 'unite-tendance' }, 'Regrouper'), choice);
}

/** Applications filed over the period: bars, and the same figures as a table. */
export function volumeChart(overview: SupervisionOverview, filter: RoomFilter): HTMLElement {
  const { unit, buckets } = bucketVolumes(overview.submittedPerDay, filter.from, filter.to, chosenUnit);
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  const heading = h('h2', { id: 'titre-volumes' }, `Dossiers déposés ${unitTitles[unit]}`);
  if (buckets.length === 0)
    return h(
      'section',
      { class: 'carte large', id: 'volumes', 'aria-labelledby': 'titre-volumes' },
      heading,
      h('p', { class: 'vide', id: 'resume-volumes', 'data-total': 0 }, 'Aucun dépôt sur la période.'),
    );
  const peak = buckets.reduce((best, b) => (b.count > best.count ? b : best), buckets[0]!);
  const partial = buckets.some((b) => !b.complete) ? ' Les barres claires sont des périodes incomplètes.' : '';
  const previous = overview.previousPeriod;
  const comparison =
    previous && !previous.belowFloor
      ? ` Période précédente (${formatDay(previous.from)} – ${formatDay(previous.to)}) : ${formatInt(previous.totals.total)} dossiers (${formatDelta(overview.totals.total - previous.totals.total, 'nombre')}).`
      : '';
  const summary = `${formatInt(total)} dossiers déposés, au plus ${formatInt(peak.count)} (${bucketLabel(unit, peak)}).${comparison}${partial}`;
  const table = dataTable(
    `Dossiers déposés ${unitTitles[unit]}`,
    [
      { header: unit === 'jour' ? 'Jour' : unit === 'semaine' ? 'Semaine' : 'Mois', cell: (b: VolumeBucket) => bucketLabel(unit, b), value: (b) => b.start },
      { header: 'Dossiers déposés', cell: (b) => formatInt(b.count), value: (b) => b.count, numeric: true },
    ],
    buckets,
    { id: 'table-volumes' },
  );
  return h(
    'section',
    { class: 'carte large', id: 'volumes', 'aria-labelledby': 'titre-volumes' },
    h('div', { class: 'entete-carte' }, heading, unitChoice(unit)),
    h('p', { class: 'resume', id: 'resume-volumes', 'data-total': total }, summary),
    chartSlot((width, rem) => drawVolumes(unit, buckets, width, rem)),
    foldedTable('Voir les chiffres du graphique', table),
  );
}
