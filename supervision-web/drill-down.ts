import { h } from './dom.js';
import { communeLabel, ministryLabel } from './format.js';
import type { CatalogueProcedure, RoomFilter } from './overview.js';

/** The event a drill-down control sends: the page (main.ts) applies the filter it carries. */
export const drillEvent = 'salle:filtrer';

/** Asks the page to show `filter` (the period and the other criteria kept by the caller). */
export function requestFilter(filter: RoomFilter): void {
  document.dispatchEvent(new CustomEvent<RoomFilter>(drillEvent, { detail: filter }));
}

/** A button that narrows the view to one ministry, procedure or commune. */
export function drillButton(label: string, accessibleLabel: string, filter: RoomFilter): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'lien-detail', 'aria-label': accessibleLabel }, label);
  button.addEventListener('click', () => requestFilter(filter));
  return button;
}

/**
 * Where the view stands, ministry → procedure → commune, each level a way back up. The period stays as it is.
 */
export function breadcrumb(filter: RoomFilter, catalogue: readonly CatalogueProcedure[]): HTMLElement {
  const period = { ...(filter.from ? { from: filter.from } : {}), ...(filter.to ? { to: filter.to } : {}) };
  const procedure = filter.procedure ? catalogue.find((p) => p.code === filter.procedure) : undefined;
  const ministry = filter.ministry ?? procedure?.ministryCode;
  const levels: { label: string; filter: RoomFilter }[] = [{ label: 'Tous les ministères', filter: period }];
  if (ministry) levels.push({ label: ministryLabel(ministry), filter: { ...period, ministry } });
  if (filter.procedure) levels.push({ label: procedure?.title ?? filter.procedure, filter: { ...period, ...(ministry ? { ministry } : {}), procedure: filter.procedure } });
  if (filter.commune) levels.push({ label: communeLabel(filter.commune), filter: { ...filter } });
  return h(
    'nav',
    { class: 'fil-ariane', id: 'fil-ariane', 'aria-label': 'Niveau de détail' },
    h(
      'ol',
      {},
      ...levels.map((level, index) =>
        index === levels.length - 1 ? h('li', { 'aria-current': 'location' }, level.label) : h('li', {}, drillButton(level.label, `Revenir à : ${level.label}`, level.filter)),
      ),
    ),
  );
}
