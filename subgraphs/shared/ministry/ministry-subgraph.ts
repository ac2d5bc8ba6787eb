import type { GraphQLSchema } from 'graphql';
import type { z } from 'zod';
import type { DossierRecord, MinistryAdapterKit, MinistryDossierAdapter } from '../../../adapters/shared/index.js';
import type { DocumentsConfig, DocumentStore } from '../../../documents/index.js';
import type { Logger } from '../../../lib/log/index.js';
import type { CacheHintRules } from '../cache-hints/index.js';
import type { LoadedDossier } from '../loaders/dossier-loaders.js';
import type { QueuedDossier } from '../submissions/index.js';
import type { MinistryContext } from './ministry-context.js';

/** A ministry's dossier as its subgraph handles it: the common record, loadable by reference and by citizen. */
export type MinistryRecord = DossierRecord & LoadedDossier;

/**
 * Everything that makes one ministry's subgraph: a registry row (by `name`), its adapter kit, its schema, and what a
 * queued application looks like. `startMinistrySubgraph` builds all the rest — configuration, loaders, outbox and
 * forwarder, last-known fallback, readiness — the same way for every ministry.
 */
export interface MinistrySubgraph<
  S extends z.ZodObject,
  O,
  R extends MinistryRecord,
  I extends object,
  A extends MinistryDossierAdapter<R, I>,
  X = undefined,
  C extends MinistryContext<R, A, I> = MinistryContext<R, A, I>,
> {
  /** The registry row's subgraph name (`electricity`): port, ministry, reference prefix and system come from it. */
  readonly name: string;
  readonly adapter: MinistryAdapterKit<S, O, R, I, A>;
  readonly buildSchema: () => Promise<GraphQLSchema>;
  /**
   * The submission payload's one definition: what a filing is checked against before it is kept or sent, what the
   * outbox stores, and what the adapter's `submitDossier` takes (Guichet's external reference included).
   */
  readonly inputSchema: z.ZodType<I>;
  /** An application Guichet holds (queued, refused, or delivered while the ministry cannot be asked), as a record. */
  readonly queuedRecord: (common: QueuedDossier, input: I) => R;
  /** French: what the citizen reads for a reference the ministry does not know (or the caller may not see). */
  readonly notFoundMessage: (reference: string) => string;
  /** What the ministry's answers may be cached as; default nothing (statuses change). */
  readonly cacheHints?: CacheHintRules;
  /** Variables of the subgraph's own beyond the server, adapter and outbox ones (checked with them at start-up). */
  readonly ownEnv?: OwnEnv<X>;
  /** The adapter requests read through (RNEC: its identity cache); the forwarder always uses the plain one. */
  readonly forRequests?: (adapter: A, own: X) => A;
  /** The forwarder's legacy POST, when the ministry checks more than the adapter does (RNEC: the entitlement). */
  readonly deliver?: (adapter: A, input: I) => Promise<R>;
  /** Extra per-request context (RNEC: persons and acts); default the shared one. */
  readonly context?: (base: MinistryContext<R, A, I>) => C;
  /** Started with the server, stopped after it (RNEC: its routing and shadow-comparison log). */
  readonly companion?: (log: Logger, options: O) => () => void;
  /**
   * A ministry whose applications carry supporting documents (energy-mines): where they are (from its own variables).
   * The store is opened at start-up — PostgreSQL with `DATABASE_URL`, else the folder the gateway stores uploads in —
   * and is each request's `ctx.documents`.
   */
  readonly documents?: (own: X) => DocumentsConfig;
  /**
   * What must follow an application into the ministry's system once it is there — just created, or found there by a
   * retried delivery (energy-mines: its documents). It must skip what an earlier attempt did: a failure here makes the
   * outbox retry the whole delivery later, which finds the application and calls this again.
   */
  readonly completeDelivery?: (adapter: A, input: I, record: R, documents: DocumentStore | undefined) => Promise<void>;
}

/** A subgraph's own variables: their schema fragment and what it reads from them. */
export interface OwnEnv<X> {
  readonly schema: z.ZodObject;
  readonly read: (env: Readonly<Record<string, unknown>>) => X;
}

/** Types a definition (inference only). */
export function defineMinistrySubgraph<
  S extends z.ZodObject,
  O,
  R extends MinistryRecord,
  I extends object,
  A extends MinistryDossierAdapter<R, I>,
  X = undefined,
  C extends MinistryContext<R, A, I> = MinistryContext<R, A, I>,
>(definition: MinistrySubgraph<S, O, R, I, A, X, C>): MinistrySubgraph<S, O, R, I, A, X, C> {
  return definition;
}
