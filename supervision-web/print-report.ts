import { requestFilter } from './drill-down.js';
import { filterFromForm } from './filters.js';

/** The last whole calendar month before `now` (Africa/Lome is UTC all year). */
export function previousMonth(now = new Date()): { from: string; to: string } {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

/**
 * The monthly report is the room printed (print stylesheet): « Mois dernier » sets the period, « Imprimer » opens
 * the browser's print dialog (print to PDF). Printing unfolds every chart's table, and folds back the ones the
 * reader had closed.
 */
export function setUpPrintReport(): void {
  document.getElementById('bouton-mois-precedent')?.addEventListener('click', () => requestFilter({ ...filterFromForm(), ...previousMonth() }));
  document.getElementById('bouton-imprimer')?.addEventListener('click', () => window.print());
  let unfolded: HTMLDetailsElement[] = [];
  window.addEventListener('beforeprint', () => {
    unfolded = [...document.querySelectorAll<HTMLDetailsElement>('details:not([open])')];
    for (const details of unfolded) details.open = true;
  });
  window.addEventListener('afterprint', () => {
    for (const details of unfolded) details.open = false;
    unfolded = [];
  });
}
