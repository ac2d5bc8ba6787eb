import { chartSlot } from './chart-frame.js';
import { dataTable, foldedTable, h, s } from './dom.js';
import { formatInt, formatShare, statusLabels } from './format.js';
import type { StatusCount, SupervisionOverview } from './overview.js';

/** Statuses in the order a dossier meets them. */
const order = ['QUEUED', 'SUBMITTED', 'IN_PROGRESS', 'ACTION_REQUIRED', 'APPROVED', 'COMPLETED', 'REJECTED'];

/** Where the dossiers stand: one bar split by normalized status, with a legend that carries the numbers. */
export function statusChart(overview: SupervisionOverview): HTMLElement {
  const counts = [...overview.totals.byStatus].filter((c) => c.count > 0).sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  const heading = h('h2', { id: 'titre-statuts' }, 'Dossiers par statut');
  const section = h('section', { class: 'carte', id: 'statuts', 'aria-labelledby': 'titre-statuts' }, heading);
  if (total === 0) {
    section.append(h('p', { class: 'vide' }, 'Aucun dossier pour ce filtre.'));
    return section;
  }
  const svg = chartSlot((full, rem) => {
    const height = Math.round(2.25 * rem);
    let offset = 0;
    return s(
      'svg',
      { viewBox: `0 0 ${full} ${height}`, width: full, height, role: 'img', 'aria-labelledby': 'titre-statuts legende-statuts', class: 'graphique barre-statuts' },
      ...counts.map((c) => {
        const width = (c.count / total) * full;
        const rect = s(
          'rect',
          { class: `statut statut-${c.status.toLowerCase().replace(/_/g, '-')}`, x: offset, y: 0, width, height },
          s('title', {}, `${statusLabels[c.status] ?? c.status} : ${formatInt(c.count)}`),
        );
        offset += width;
        return rect;
      }),
    );
  });
  const legend = h(
    'ul',
    { class: 'legende-statuts', id: 'legende-statuts' },
    ...counts.map((c) =>
      h(
        'li',
        {},
        h('span', { class: `cle statut statut-${c.status.toLowerCase().replace(/_/g, '-')}` }),
        `${statusLabels[c.status] ?? c.status} : `,
        h('strong', {}, formatInt(c.count)),
        ` (${formatShare(c.count / total)})`,
      ),
    ),
  );
  const table = dataTable(
    'Dossiers par statut',
    [
      { header: 'Statut', cell: (c: StatusCount) => statusLabels[c.status] ?? c.status, value: (c) => c.status },
      { header: 'Dossiers', cell: (c) => formatInt(c.count), value: (c) => c.count, numeric: true },
      { header: 'Part', cell: (c) => formatShare(c.count / total), value: (c) => c.count / total, numeric: true },
    ],
    counts,
    { id: 'table-statuts' },
  );
  section.append(svg, legend, foldedTable('Voir le tableau des statuts', table));
  return section;
}
