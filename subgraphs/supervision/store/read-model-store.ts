import type { LegacySystem } from '../../../adapters/shared/index.js';
import type { DossierEventLog, NewDossierEvent } from '../events/index.js';
import type { DossierFact } from '../read-model/index.js';

/** What survives a restart: every dossier fact, and how far each system's feed has been read. */
export interface StoredReadModel {
  readonly facts: readonly DossierFact[];
  /** Per system, the latest change instant read from its feed (epoch ms); absent until its initial load is done. */
  readonly cursors: ReadonlyMap<LegacySystem, number>;
}

/**
 * Where the read model is kept between runs, so that a restart resumes each feed from its cursor instead of
 * re-reading every dossier. SQLite by default; a server database can implement the same methods.
 */
export interface ReadModelStore {
  load(): Promise<StoredReadModel>;
  /**
   * One poll of one feed, atomically: its facts (replacing earlier versions), the feed's new cursor and the dossier
   * events the poll made (appended to `events`, numbered in order).
   */
  save(system: LegacySystem, facts: readonly DossierFact[], cursorMs: number, events?: readonly NewDossierEvent[]): Promise<void>;
  /**
   * One poll of one ministry's outbox outcomes (`GET /internal/outbox-outcomes`), atomically: the outbox's new
   * cursor (keyed by `source`, the ministry code) and the dossier events the outcomes made.
   */
  saveOutcomes(source: string, cursor: string, events: readonly NewDossierEvent[]): Promise<void>;
  /** Every outbox's cursor as last saved by `saveOutcomes`. */
  outboxCursors(): Promise<ReadonlyMap<string, string>>;
  /** The dossier events appended by `save` and `saveOutcomes`. */
  readonly events: DossierEventLog;
  close(): Promise<void>;
}
