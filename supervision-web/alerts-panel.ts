import { h } from './dom.js';
import { formatInt, formatShare } from './format.js';
import type { CatalogueProcedure, RoomFilter, SupervisionOverview } from './overview.js';
import { catalogueRows, inAlert } from './procedure-catalogue-rows.js';

/**
 * The procedures past one of the alert thresholds (SUPERVISION_ALERT_*, the same the Prometheus rules use), and the
 * thresholds themselves, so that a director knows why a procedure is listed.
 */
export function alertsPanel(overview: SupervisionOverview, catalogue: readonly CatalogueProcedure[], filter: RoomFilter): HTMLElement {
  const { alertThresholds: thresholds } = overview;
  const alerts = catalogueRows(overview, catalogue, filter).filter((r) => inAlert(r.figures, thresholds));
  const rule = `Seuils d’alerte : plus de ${formatShare(thresholds.beyondLegalDelayShare)} des dossiers hors délai légal, ou au moins ${formatInt(thresholds.overdueBacklog)} dossiers en cours hors délai.`;
  return h(
    'section',
    { class: `carte large alertes${alerts.length > 0 ? ' en-alerte' : ''}`, id: 'alertes', 'aria-labelledby': 'titre-alertes', 'data-count': alerts.length },
    h('h2', { id: 'titre-alertes' }, alerts.length > 0 ? `${formatInt(alerts.length)} démarche${alerts.length > 1 ? 's' : ''} en alerte` : 'Aucune démarche en alerte'),
    h('p', { class: 'resume' }, rule),
    alerts.length > 0 &&
      h(
        'ul',
        { class: 'liste-alertes' },
        ...alerts.map(({ procedure, figures }) =>
          h(
            'li',
            { 'data-procedure': procedure.code },
            h('strong', {}, procedure.title),
            ` — ${formatShare(figures?.beyondLegalDelayShare)} hors délai, ${formatInt(figures?.overdueBacklog)} en cours hors délai (délai légal ${formatInt(procedure.legalDelayDays)} j)`,
          ),
        ),
      ),
  );
}
