import { toCsv } from './csv.js';
import { h } from './dom.js';

/**
 * The rows of a data table as CSV: numeric cells give the raw figure the API returned (`data-value`), other cells
 * their text. The table shows only what the API returned, so the file carries the room's aggregation floor.
 */
export function tableCsv(table: HTMLTableElement): string {
  const header = [...table.querySelectorAll('thead th')].map((th) => th.textContent ?? '');
  const rows = [...table.querySelectorAll('tbody tr')].map((tr) =>
    [...tr.querySelectorAll('th, td')].map((cell) => {
      if (!cell.classList.contains('num')) return (cell.textContent ?? '').trim();
      const raw = cell.getAttribute('data-value');
      return raw === null || raw === '' ? null : Number(raw);
    }),
  );
  return toCsv(header, rows);
}

const fileName = (table: HTMLTableElement) => `supervision-${table.id.replace(/^table-/, '')}-${new Date().toISOString().slice(0, 10)}.csv`;

/** A « CSV » button beside every data table of `root` (each chart has one: exporting it exports the chart's figures). */
export function addExportButtons(root: HTMLElement): void {
  for (const table of root.querySelectorAll<HTMLTableElement>('table.donnees[id]')) {
    const caption = table.caption?.textContent ?? table.id;
    const button = h('button', { type: 'button', class: 'export-csv', 'data-table': table.id, 'aria-label': `Exporter en CSV : ${caption}` }, 'Exporter (CSV)');
    button.addEventListener('click', () => {
      const url = URL.createObjectURL(new Blob([tableCsv(table)], { type: 'text/csv;charset=utf-8' }));
      const link = h('a', { href: url, download: fileName(table), hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });
    const holder = table.closest('details, .defilement') ?? table;
    holder.before(button);
  }
}
