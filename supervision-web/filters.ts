import { byId, h } from './dom.js';
import { communeLabel, ministryLabel } from './format.js';
import type { CatalogueProcedure, RoomFilter } from './overview.js';

/** The page's own parameters (French, user-facing) and the live channel's (the API's names). */
const pageParams: Readonly<Record<keyof RoomFilter, string>> = { ministry: 'ministere', procedure: 'demarche', from: 'du', to: 'au', commune: 'commune' };
const fields = Object.keys(pageParams) as (keyof RoomFilter)[];

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** The filter written in the page's address (`/supervision?ministere=ENERGY&du=2026-10-01`), so that a view can be shared. */
export function filterFromLocation(search: string): RoomFilter {
  const params = new URLSearchParams(search);
  const filter: { -readonly [K in keyof RoomFilter]?: string } = {};
  for (const field of fields) {
    const value = params.get(pageParams[field])?.trim();
    if (!value) continue;
    if ((field === 'from' || field === 'to') && !isoDay.test(value)) continue;
    filter[field] = value;
  }
  return filter;
}

/** Writes the filter into the address bar without reloading; other parameters (`mur`) are kept. */
export function writeFilterToLocation(filter: RoomFilter): void {
  const url = new URL(window.location.href);
  for (const field of fields) {
    const value = filter[field];
    if (value) url.searchParams.set(pageParams[field], value);
    else url.searchParams.delete(pageParams[field]);
  }
  history.replaceState(null, '', url);
}

const select = (id: string) => byId<HTMLSelectElement>(id);
const input = (id: string) => byId<HTMLInputElement>(id);

/** Reads the filter form. */
export function filterFromForm(): RoomFilter {
  const filter: { -readonly [K in keyof RoomFilter]?: string } = {};
  const values: Record<keyof RoomFilter, string> = {
    ministry: select('f-ministere').value,
    procedure: select('f-demarche').value,
    from: input('f-du').value,
    to: input('f-au').value,
    commune: select('f-commune').value,
  };
  for (const field of fields) if (values[field]) filter[field] = values[field];
  return filter;
}

function fillSelect(element: HTMLSelectElement, allLabel: string, options: readonly { value: string; label: string }[], selected: string | undefined): void {
  const wanted = selected ?? '';
  element.replaceChildren(h('option', { value: '' }, allLabel), ...options.map((o) => h('option', { value: o.value }, o.label)));
  // A value from the address that the lists do not know yet stays selected, so the filter in effect is visible.
  if (wanted && !options.some((o) => o.value === wanted)) element.append(h('option', { value: wanted }, wanted));
  element.value = wanted;
}

/** What the form shows now: it is rebuilt only when this changes, so that an open list is not closed under the hand. */
let shown: string | undefined;

/** Fills the form's lists from the catalogue (procedures of the chosen ministry only) and sets every field. */
export function showFilter(filter: RoomFilter, catalogue: readonly CatalogueProcedure[], communes: readonly string[]): void {
  const key = JSON.stringify([filter, catalogue.map((p) => p.code), communes]);
  if (key === shown) return;
  shown = key;
  const ministries = [...new Set(catalogue.map((p) => p.ministryCode))].sort((a, b) => ministryLabel(a).localeCompare(ministryLabel(b), 'fr'));
  fillSelect(
    select('f-ministere'),
    'Tous les ministères',
    ministries.map((code) => ({ value: code, label: ministryLabel(code) })),
    filter.ministry,
  );
  const procedures = catalogue.filter((p) => !filter.ministry || p.ministryCode === filter.ministry).sort((a, b) => a.title.localeCompare(b.title, 'fr'));
  fillSelect(
    select('f-demarche'),
    'Toutes les démarches',
    procedures.map((p) => ({ value: p.code, label: p.title })),
    filter.procedure,
  );
  fillSelect(
    select('f-commune'),
    'Toutes les communes',
    [...communes].map((c) => ({ value: c, label: communeLabel(c) })).sort((a, b) => a.label.localeCompare(b.label, 'fr', { numeric: true })),
    filter.commune,
  );
  input('f-du').value = filter.from ?? '';
  input('f-au').value = filter.to ?? '';
}

/** The last `days` days, today included (Africa/Lome is UTC all year). */
export function lastDays(days: number, now = new Date()): { from: string; to: string } {
  const to = now.toISOString().slice(0, 10);
  const from = new Date(now.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}
