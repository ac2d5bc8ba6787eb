import { z } from 'zod';
import { legacySystems, ministries, type LegacySystem, type MinistryCode } from '../../../schema/index.js';

/** One ended submission as `GET /internal/outbox-outcomes` lists it. */
export interface OutboxOutcomeItem {
  /** The outcome's sequence in the ministry's outbox (decimal digits): pass the last one as `?after=`. */
  readonly cursor: string;
  /** The graph reference when delivered (`CEET-2026-000123`); the submission's own Guichet reference when rejected. */
  readonly reference: string;
  /** The Guichet reference the citizen was answered with (`GCH-…`), in both cases. */
  readonly submissionReference: string;
  readonly ownerNiu: string;
  readonly ministry: MinistryCode;
  readonly system: LegacySystem;
  readonly procedure: string;
  readonly outcome: 'DELIVERED' | 'REJECTED';
  /** ISO 8601: when the outbox recorded the outcome. */
  readonly at: string;
  /** The ministry's own words (French), when rejected. */
  readonly reason?: string;
}

/** The answer of `GET /internal/outbox-outcomes`. */
export interface OutboxOutcomesAnswer {
  readonly outcomes: readonly OutboxOutcomeItem[];
  /** Where the next request starts (`?after=`): the last listed cursor, or the one asked for (the head when none). */
  readonly next: string;
}

const decimal = z.string().regex(/^\d{1,18}$/, 'expected a decimal cursor');
const [firstMinistry, ...otherMinistries] = ministries.map((m) => m.code);
const [firstSystem, ...otherSystems] = legacySystems;

/** Parses the route's answer (the supervision subgraph reads every ministry's). Unknown fields are dropped. */
export const outboxOutcomesAnswerSchema: z.ZodType<OutboxOutcomesAnswer> = z.object({
  outcomes: z.array(
    z.object({
      cursor: decimal,
      reference: z.string().min(1),
      submissionReference: z.string().min(1),
      ownerNiu: z.string().min(1),
      ministry: z.enum([firstMinistry as MinistryCode, ...otherMinistries]),
      system: z.enum([firstSystem as LegacySystem, ...otherSystems]),
      procedure: z.string().min(1),
      outcome: z.enum(['DELIVERED', 'REJECTED']),
      at: z.iso.datetime({ offset: true }),
      reason: z.string().optional(),
    }),
  ),
  next: decimal,
});
