import { chartSlot } from './chart-frame.js';
import { bucketVolumes, niceTicks, type BucketUnit, type VolumeBucket } from './chart-scale.js';
import { dataTable, foldedTable, h, s } from './dom.js';
import { formatDay, formatInt, formatMonth, formatShortDay, formatShortMonth } from './format.js';
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
    // Labels a little apart from each other; the first and last are anchored inside the chart.
    ...labelIndexes(buckets.length, Math.max(2, Math.floor(plotWidth / ((unit === 'mois' ? 96 : 72) * u)))).map((index) =>
      s(
        'text',
        { class: 'etiquette-x', x: margin.left + index * slot + slot / 2, y: height - 9 * u, 'text-anchor': index === 0 ? 'start' : index === buckets.length - 1 ? 'end' : 'middle' },
        unit === 'mois' ? formatShortMonth(buckets[index]!.start) : formatShortDay(buckets[index]!.start),
      ),
    ),
  );
}

/** Applications filed over the period: bars, and the same figures as a table. */
export function volumeChart(overview: SupervisionOverview, filter: RoomFilter): HTMLElement {
  const { unit, buckets } = bucketVolumes(overview.submittedPerDay, filter.from, filter.to);
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
  const summary = `${formatInt(total)} dossiers déposés, au plus ${formatInt(peak.count)} (${bucketLabel(unit, peak)}).${partial}`;
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
    heading,
    h('p', { class: 'resume', id: 'resume-volumes', 'data-total': total }, summary),
    chartSlot((width, rem) => drawVolumes(unit, buckets, width, rem)),
    foldedTable('Voir les chiffres du graphique', table),
  );
}
