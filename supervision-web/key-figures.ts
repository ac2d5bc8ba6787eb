import { h } from './dom.js';
import { formatDays, formatDelta, formatInt, formatShare } from './format.js';
import type { PreviousPeriod, ProcessingFigures } from './overview.js';

interface KeyFigure {
  readonly id: string;
  readonly label: string;
  readonly value: number | null;
  readonly shown: string;
  readonly detail: string;
  readonly tone?: 'alerte' | 'attention';
  /** This figure in the previous period, and how to say the change. */
  readonly previous?: { readonly value: number | null; readonly unit: 'nombre' | 'jours' | 'points' };
}

const minus = (a: number | null, b: number | null) => (a === null || b === null ? null : Math.round((a - b) * 10_000) / 10_000);

/**
 * The headline figures of the current filter; each carries its raw value in `data-value`, and, when the filter has a
 * period, its change against the previous period of the same length in `data-delta`.
 */
export function keyFigures(totals: ProcessingFigures, previousPeriod: PreviousPeriod | null, shareThreshold: number): HTMLElement {
  const beyond = totals.beyondLegalDelayShare;
  const before = previousPeriod && !previousPeriod.belowFloor ? previousPeriod.totals : null;
  const figures: KeyFigure[] = [
    {
      id: 'kpi-total',
      label: 'Dossiers',
      value: totals.total,
      shown: formatInt(totals.total),
      detail: 'sur la période et le périmètre choisis',
      previous: { value: before?.total ?? null, unit: 'nombre' },
    },
    {
      id: 'kpi-stock',
      label: 'En cours',
      value: totals.backlog,
      shown: formatInt(totals.backlog),
      detail: `âge médian ${formatDays(totals.backlogAgeDaysP50)}, le plus ancien ${formatDays(totals.backlogAgeDaysMax)}`,
      previous: { value: before?.backlog ?? null, unit: 'nombre' },
    },
    {
      id: 'kpi-retard',
      label: 'En cours hors délai',
      value: totals.overdueBacklog,
      shown: formatInt(totals.overdueBacklog),
      detail: 'dossiers ouverts qui ont déjà dépassé le délai légal',
      previous: { value: before?.overdueBacklog ?? null, unit: 'nombre' },
      ...(totals.overdueBacklog > 0 ? { tone: 'attention' as const } : {}),
    },
    {
      id: 'kpi-delai',
      label: 'Délai médian de traitement',
      value: totals.processingDaysP50,
      shown: formatDays(totals.processingDaysP50),
      detail: `9 sur 10 en moins de ${formatDays(totals.processingDaysP90)}`,
      previous: { value: before?.processingDaysP50 ?? null, unit: 'jours' },
    },
    {
      id: 'kpi-hors-delai',
      label: 'Hors délai légal',
      value: beyond,
      shown: formatShare(beyond),
      detail: 'des dossiers, ouverts ou décidés',
      previous: { value: before?.beyondLegalDelayShare ?? null, unit: 'points' },
      ...(beyond > shareThreshold ? { tone: 'alerte' as const } : beyond > shareThreshold / 2 ? { tone: 'attention' as const } : {}),
    },
    {
      id: 'kpi-attente-citoyen',
      label: 'En attente du citoyen',
      value: totals.waitingOnCitizen,
      shown: formatInt(totals.waitingOnCitizen),
      detail: 'pièce ou paiement demandé',
      previous: { value: before?.waitingOnCitizen ?? null, unit: 'nombre' },
    },
  ];
  return h(
    'section',
    { id: 'synthese', 'aria-labelledby': 'titre-synthese' },
    h('h2', { id: 'titre-synthese', class: 'visuellement-cache' }, 'Synthèse'),
    h(
      'dl',
      { class: 'indicateurs' },
      ...figures.map((f) => {
        const delta = before && f.previous ? minus(f.value, f.previous.value) : null;
        return h(
          'div',
          { class: `indicateur${f.tone ? ` ${f.tone}` : ''}` },
          h('dt', {}, f.label),
          h('dd', { id: f.id, class: 'valeur', 'data-value': f.value === null ? '' : String(f.value) }, f.shown),
          h('dd', { class: 'detail' }, f.detail),
          before &&
            f.previous &&
            h('dd', { class: 'evolution', id: `${f.id}-evolution`, 'data-delta': delta === null ? '' : String(delta) }, `${formatDelta(delta, f.previous.unit)} par rapport à la période précédente`),
        );
      }),
    ),
  );
}
