import { h } from './dom.js';
import { formatDays, formatInt, formatShare } from './format.js';
import type { ProcessingFigures } from './overview.js';

interface KeyFigure {
  readonly id: string;
  readonly label: string;
  readonly value: number | null;
  readonly shown: string;
  readonly detail: string;
  readonly tone?: 'alerte' | 'attention';
}

/** The headline figures of the current filter; each carries its raw value in `data-value`. */
export function keyFigures(totals: ProcessingFigures): HTMLElement {
  const beyond = totals.beyondLegalDelayShare;
  const figures: KeyFigure[] = [
    { id: 'kpi-total', label: 'Dossiers', value: totals.total, shown: formatInt(totals.total), detail: 'sur la période et le périmètre choisis' },
    {
      id: 'kpi-stock',
      label: 'En cours',
      value: totals.backlog,
      shown: formatInt(totals.backlog),
      detail: `âge médian ${formatDays(totals.backlogAgeDaysP50)}, le plus ancien ${formatDays(totals.backlogAgeDaysMax)}`,
    },
    {
      id: 'kpi-delai',
      label: 'Délai médian de traitement',
      value: totals.processingDaysP50,
      shown: formatDays(totals.processingDaysP50),
      detail: `9 sur 10 en moins de ${formatDays(totals.processingDaysP90)}`,
    },
    {
      id: 'kpi-hors-delai',
      label: 'Hors délai légal',
      value: beyond,
      shown: formatShare(beyond),
      detail: 'des dossiers, ouverts ou décidés',
      ...(beyond >= 0.2 ? { tone: 'alerte' as const } : beyond >= 0.1 ? { tone: 'attention' as const } : {}),
    },
    { id: 'kpi-attente-citoyen', label: 'En attente du citoyen', value: totals.waitingOnCitizen, shown: formatInt(totals.waitingOnCitizen), detail: 'pièce ou paiement demandé' },
  ];
  return h(
    'section',
    { id: 'synthese', 'aria-labelledby': 'titre-synthese' },
    h('h2', { id: 'titre-synthese', class: 'visuellement-cache' }, 'Synthèse'),
    h(
      'dl',
      { class: 'indicateurs' },
      ...figures.map((f) =>
        h(
          'div',
          { class: `indicateur${f.tone ? ` ${f.tone}` : ''}` },
          h('dt', {}, f.label),
          h('dd', { id: f.id, class: 'valeur', 'data-value': f.value === null ? '' : String(f.value) }, f.shown),
          h('dd', { class: 'detail' }, f.detail),
        ),
      ),
    ),
  );
}
