import { z } from 'zod';
import { dossierStatuses, legacySystems, ministries, type DossierStatus, type LegacySystem, type MinistryCode } from '../schema/index.js';
import { isCursor } from './cursor.js';

/** What happened to a dossier: derived from the ministries' change feeds (and, later, Guichet's own outbox). */
export const dossierEventTypes = ['CREATED', 'STATUS_CHANGED', 'ACTION_REQUIRED', 'SUBMISSION_DELIVERED', 'SUBMISSION_REJECTED'] as const;
export type DossierEventType = (typeof dossierEventTypes)[number];

/** What each type means, for the schema descriptions of the subscriptions and the webhooks (French, user-facing). */
export const dossierEventTypeDescriptions: Readonly<Record<DossierEventType, string>> = {
  CREATED: 'Un dossier a été créé.',
  STATUS_CHANGED: 'Le statut du dossier a changé.',
  ACTION_REQUIRED: 'Le demandeur doit agir (payer, compléter, retirer).',
  SUBMISSION_DELIVERED: 'La demande mise en file par Guichet a été transmise au ministère.',
  SUBMISSION_REJECTED: 'La demande mise en file par Guichet a été refusée par le système du ministère.',
};

/**
 * One dossier event of the internal stream (`GET /internal/dossier-events` on the supervision subgraph). The owner's
 * NIU routes the event to the subscribers who may read the dossier; it is never sent to anyone else.
 */
export interface DossierEvent {
  /** Monotonic, opaque to clients, comparable as a zero-padded decimal string (`000000000042`). */
  readonly cursor: string;
  readonly type: DossierEventType;
  /** The graph reference (`CEET-2026-000123`). */
  readonly reference: string;
  /** The applicant's NIU. */
  readonly ownerNiu: string;
  readonly ministry: MinistryCode;
  readonly system: LegacySystem;
  /** Procedure code of the catalogue (schema/procedures.ts). */
  readonly procedure: string;
  /** Normalized status after the change. */
  readonly status: DossierStatus;
  /** The ministry's own label of that status, when known. */
  readonly ministryStatus: string | null;
  /** Normalized status before the change; null for a new dossier. */
  readonly previousStatus: DossierStatus | null;
  /** ISO 8601: when the change happened in the legacy system (or Guichet's outbox). */
  readonly at: string;
}

const [firstMinistry, ...otherMinistries] = ministries.map((m) => m.code);
const [firstSystem, ...otherSystems] = legacySystems;
const [firstStatus, ...otherStatuses] = dossierStatuses;

/** Parses a `DossierEvent` (the `data:` of an SSE `dossier` event): unknown fields are dropped. */
export const dossierEventSchema: z.ZodType<DossierEvent> = z.object({
  cursor: z.string().refine(isCursor, 'expected a decimal cursor'),
  type: z.enum(dossierEventTypes),
  reference: z.string().min(1),
  ownerNiu: z.string().min(1),
  ministry: z.enum([firstMinistry as MinistryCode, ...otherMinistries]),
  system: z.enum([firstSystem as LegacySystem, ...otherSystems]),
  procedure: z.string().min(1),
  status: z.enum([firstStatus as DossierStatus, ...otherStatuses]),
  ministryStatus: z.string().nullable(),
  previousStatus: z.enum([firstStatus as DossierStatus, ...otherStatuses]).nullable(),
  // Any instant Date can read (ISO-8601 with or without an offset): a stricter check would drop real events.
  at: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'expected an ISO-8601 instant'),
});
