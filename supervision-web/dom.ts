/** Tiny DOM builders: every text goes through `textContent`, never through HTML parsing. */

type Attributes = Readonly<Record<string, string | number | boolean | undefined>>;
type Child = Node | string | null | undefined | false;

function apply(element: Element, attributes: Attributes, children: readonly Child[]): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  apply(element, attributes, children);
  return element;
}

const svgNs = 'http://www.w3.org/2000/svg';

export function s<K extends keyof SVGElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const element = document.createElementNS(svgNs, tag);
  apply(element, attributes, children);
  return element;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`missing #${id}`);
  return element as T;
}

/** One column of a data table: header text, cell text, and the raw value (for `data-value`, read by tests and tools). */
export interface Column<Row> {
  readonly header: string;
  readonly cell: (row: Row) => string | Node;
  readonly value?: (row: Row) => number | string | null | undefined;
  /** Numbers align right. */
  readonly numeric?: boolean;
}

/** A semantic table: caption, column headers (`scope=col`), the first cell of each row a row header. */
export function dataTable<Row>(caption: string, columns: readonly Column<Row>[], rows: readonly Row[], attributes: Attributes = {}): HTMLTableElement {
  const head = h('tr', {}, ...columns.map((c) => h('th', { scope: 'col', class: c.numeric ? 'num' : undefined }, c.header)));
  const body = rows.map((row) =>
    h(
      'tr',
      {},
      ...columns.map((c, index) => {
        const value = c.value?.(row);
        const attrs = { class: c.numeric ? 'num' : undefined, 'data-value': value === null || value === undefined ? undefined : String(value) };
        return index === 0 ? h('th', { scope: 'row', ...attrs }, c.cell(row)) : h('td', attrs, c.cell(row));
      }),
    ),
  );
  return h('table', { class: 'donnees', ...attributes }, h('caption', {}, caption), h('thead', {}, head), h('tbody', {}, ...body));
}

/** A table folded under its chart: the chart's exact figures, for screen readers and for anyone who wants numbers. */
export function foldedTable(summary: string, table: HTMLTableElement): HTMLDetailsElement {
  return h('details', { class: 'table-du-graphique' }, h('summary', {}, summary), table);
}

/**
 * A box a wide table scrolls sideways in (a phone). It can take the focus, and is named by the table's caption, so
 * that a keyboard user can scroll it too (WCAG 2.1.1).
 */
export function scrollBox(table: HTMLTableElement): HTMLDivElement {
  return h('div', { class: 'defilement', tabindex: 0, role: 'region', 'aria-label': table.caption?.textContent ?? '' }, table);
}
