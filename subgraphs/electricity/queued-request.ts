import { z } from 'zod';
import type { ElectricityRequestInput, ElectricityRequestRecord } from '../../adapters/ceet/index.js';
import type { Submission } from '../../outbox/index.js';
import { findProcedure, ProcedureCode } from '../../schema/index.js';
import { queuedDossierRecord } from '../shared/index.js';

/** What the outbox stores of a request: exactly the CEET adapter's input, checked again when read back. */
const inputSchema = z.object({
  niu: z.string(),
  meterType: z.enum(['SINGLE_PHASE', 'THREE_PHASE']),
  communeCode: z.string(),
  quarter: z.string(),
  landTitle: z.string().nullable(),
  applianceCount: z.number().int(),
  externalReference: z.string(),
});

export function inputOfSubmission(submission: Submission): ElectricityRequestInput {
  return inputSchema.parse(submission.payload);
}

/** A request Guichet holds for CEET, shown like any other (QUEUED, or REJECTED by CEET). */
export function queuedElectricityRecord(submission: Submission): ElectricityRequestRecord {
  const input = inputOfSubmission(submission);
  return {
    ...queuedDossierRecord(submission),
    meterType: input.meterType,
    communeCode: input.communeCode,
    quarter: input.quarter,
    landTitle: input.landTitle,
    applianceCount: input.applianceCount,
    filingFeeFcfa: findProcedure(ProcedureCode.ELECTRICITY_CONNECTION_LV)?.feeFcfa ?? 0,
    quoteAmountFcfa: null,
  };
}
