import type { DossierEvent, DossierEventType } from '../../events/index.js';
import type { DossierEventHub } from '../subscriptions/index.js';
import type { SupervisionFilter } from './supervision-filter.js';

/** What tells a poller that the read model may have news for its filter. */
export interface FiguresNews {
  /** Calls `onNews` whenever the figures may have changed; returns the unsubscribe. */
  subscribe(onNews: () => void): () => void;
  /** Whether news are heard now; while not, the poller reads at its fast pace as if it had none. */
  live(): boolean;
}

/** The part of the process's dossier-event hub the room uses. */
export type RoomEventSource = Pick<DossierEventHub, 'live' | 'connected'>;

/**
 * The events the read model's ingestion derives from a feed poll, saved with the facts that change the figures. The
 * outbox's SUBMISSION_DELIVERED/REJECTED change no figure: the read model learns a delivered dossier from its feed,
 * which then makes a CREATED event of its own.
 */
const figureEventTypes: ReadonlySet<DossierEventType> = new Set<DossierEventType>(['CREATED', 'STATUS_CHANGED', 'ACTION_REQUIRED']);

/**
 * Whether an event may change the figures of a filter. Events carry the ministry and the procedure, so those narrow;
 * they carry neither the commune nor the submission day (the period selects dossiers by it, and an old dossier's
 * status may change today), so a commune or a period never rules an event out.
 */
export function eventConcernsFilter(event: DossierEvent, filter: SupervisionFilter): boolean {
  if (!figureEventTypes.has(event.type)) return false;
  if (filter.ministry !== undefined && event.ministry !== filter.ministry) return false;
  if (filter.procedure !== undefined && event.procedure !== filter.procedure) return false;
  return true;
}

/** The news of one filter, from the process's dossier-event hub; live while the hub is connected upstream. */
export function figuresNewsFrom(source: RoomEventSource, filter: SupervisionFilter): FiguresNews {
  return {
    subscribe: (onNews) =>
      source.live((event) => {
        if (eventConcernsFilter(event, filter)) onNews();
      }),
    live: () => source.connected(),
  };
}
