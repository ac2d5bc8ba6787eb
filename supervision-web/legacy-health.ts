import { dataTable, h, scrollBox } from './dom.js';
import { dash, formatDateTime, formatInt, formatMs, formatShare } from './format.js';
import { systemLabels } from './ministry-labels.js';
import type { LegacySystemHealth, SupervisionOverview } from './overview.js';

const circuitLabels: Readonly<Record<string, { readonly text: string; readonly tone: string }>> = {
  closed: { text: 'Fermé — normal', tone: 'ok' },
  'half-open': { text: 'Semi-ouvert — appel d’essai', tone: 'attention' },
  open: { text: 'Ouvert — appels refusés', tone: 'alerte' },
};

const systemNames: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(systemLabels).map(([system, label]) => [system, label.long]));

function circuitBadge(circuit: string | null): HTMLElement {
  const known = circuit === null ? undefined : circuitLabels[circuit.toLowerCase().replace(/_/g, '-')];
  return h('span', { class: `pastille ${known?.tone ?? 'inconnu'}` }, known?.text ?? circuit ?? 'inconnu');
}

/** A success rate as a number with a small gauge; below 95 % it turns amber, below 80 % red. */
function successCell(rate: number | null): HTMLElement | string {
  if (rate === null) return dash;
  const tone = rate >= 0.95 ? 'ok' : rate >= 0.8 ? 'attention' : 'alerte';
  const gauge = h('span', { class: `jauge ${tone}`, 'aria-hidden': 'true' }, h('span', { class: 'jauge-remplie' }));
  // Width through the CSSOM: the policy forbids inline style attributes, not style properties set by script.
  (gauge.firstElementChild as HTMLElement).style.width = `${Math.round(Math.max(0, Math.min(1, rate)) * 100)}%`;
  return h('span', { class: 'taux' }, gauge, formatShare(rate));
}

/** The ministries' own systems, as Guichet's calls see them: success, latency, circuit breaker, last failure. */
export function legacyHealth(overview: SupervisionOverview): HTMLElement {
  const heading = h('h2', { id: 'titre-systemes' }, 'Santé des systèmes des ministères');
  const table = dataTable(
    'Appels de Guichet aux systèmes des ministères',
    [
      { header: 'Système', cell: (l: LegacySystemHealth) => l.name ?? systemNames[l.system] ?? l.system, value: (l) => l.system },
      { header: 'Circuit', cell: (l) => circuitBadge(l.circuit), value: (l) => l.circuit },
      { header: 'Taux de succès', cell: (l) => successCell(l.successRate), value: (l) => l.successRate, numeric: true },
      { header: 'Latence médiane', cell: (l) => formatMs(l.latencyMsP50), value: (l) => l.latencyMsP50, numeric: true },
      { header: 'Latence p95', cell: (l) => formatMs(l.latencyMsP95), value: (l) => l.latencyMsP95, numeric: true },
      { header: 'Appels', cell: (l) => formatInt(l.calls), value: (l) => l.calls, numeric: true },
      { header: 'Dernier échec', cell: (l) => (l.lastFailureAt ? `${formatDateTime(l.lastFailureAt)} (${l.lastFailureCode ?? 'code inconnu'})` : 'aucun'), value: (l) => l.lastFailureAt },
    ],
    [...overview.legacySystems].sort((a, b) => (a.system < b.system ? -1 : 1)),
    { id: 'table-systemes' },
  );
  return h('section', { class: 'carte large', id: 'systemes', 'aria-labelledby': 'titre-systemes' }, heading, scrollBox(table));
}
