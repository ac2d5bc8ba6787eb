import { z } from 'zod';
import { dossierStatuses, legacySystems, MinistryCode, type DossierStatus, type LegacySystem } from '../schema/index.js';

/** What happened to a dossier. */
export const dossierEventTypes = ['CREATED', 'STATUS_CHANGED', 'ACTION_REQUIRED', 'SUBMISSION_DELIVERED', 'SUBMISSION_REJECTED'] as const;
export type DossierEventType = (typeof dossierEventTypes)[number];

/**
 * One change of one dossier, as the supervision subgraph's internal stream (`/internal/dossier-events`) carries it.
 * `ownerNiu` is for authorization only: never sent to a subscriber who may not read the dossier.
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
  /** Procedure code. */
  readonly procedure: string;
  readonly status: DossierStatus;
  readonly ministryStatus: string | null;
  readonly previousStatus: DossierStatus | null;
  /** ISO-8601: when the change happened in the legacy system (or Guichet's outbox). */
  readonly at: string;
}

const statusSchema = z.enum(dossierStatuses as [DossierStatus, ...DossierStatus[]]);

/** Parses one event of the internal stream (its `data:` JSON). */
export const dossierEventSchema = z.object({
  cursor: z.string().regex(/^\d+$/, 'expected a decimal cursor'),
  type: z.enum(dossierEventTypes),
  reference: z.string().min(1),
  ownerNiu: z.string().min(1),
  ministry: z.enum(Object.values(MinistryCode) as [MinistryCode, ...MinistryCode[]]),
  system: z.enum(legacySystems as [LegacySystem, ...LegacySystem[]]),
  procedure: z.string().min(1),
  status: statusSchema,
  ministryStatus: z.string().nullable(),
  previousStatus: statusSchema.nullable(),
  // Any instant Date can read (ISO-8601 with or without an offset): a stricter check would drop real events.
  at: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'expected an ISO-8601 instant'),
}) satisfies z.ZodType<DossierEvent>;

/** Orders two cursors (negative, zero, positive), whatever their padding: longer decimal strings are larger numbers. */
export function compareCursors(a: string, b: string): number {
  const left = a.replace(/^0+(?=\d)/, '');
  const right = b.replace(/^0+(?=\d)/, '');
  if (left.length !== right.length) return left.length - right.length;
  return left < right ? -1 : left > right ? 1 : 0;
}
