import { createAccessRecorder } from '../../audit/index.js';
import type { CallerIdentity, SubgraphContext } from '../shared/index.js';
import type { IngestionStatus } from './ingestion/index.js';
import type { ReadModel } from './read-model/index.js';

/** What the read model offers a request: its figures and how fresh they are. */
export interface SupervisionSource {
  readonly model: ReadModel;
  ingestion(): IngestionStatus;
  /** When nothing was ingested yet (default `Date.now`). */
  readonly clock: () => number;
  /** The room's alert thresholds (SUPERVISION_ALERT_*), shown on the room and exported as metrics. */
  readonly alertThresholds: SupervisionAlertThresholds;
}

export interface SupervisionAlertThresholds {
  /** 0..1 */
  readonly beyondLegalDelayShare: number;
  readonly overdueBacklog: number;
}

export interface SupervisionContext extends SubgraphContext {
  readonly supervision: SupervisionSource;
}

export function createSupervisionContext(caller: CallerIdentity, supervision: SupervisionSource): SupervisionContext {
  // Aggregates only: nothing personal is read, so nothing is ever recorded for the audit trail.
  return { ...caller, access: createAccessRecorder(), supervision };
}
