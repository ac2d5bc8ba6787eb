import { z } from 'zod';
import type { BuildingPermitInput, BuildingPermitRecord } from '../../adapters/urbanisme/index.js';
import type { Submission } from '../../outbox/index.js';
import { queuedDossierRecord } from '../shared/index.js';

/** What the outbox stores of an application: exactly the Urbanisme adapter's input, checked again when read back. */
const inputSchema = z.object({
  niu: z.string(),
  landTitle: z.string(),
  architectRegistration: z.string(),
  communeCode: z.string(),
  quarter: z.string(),
  projectKind: z.enum(['SINGLE_HOUSE', 'BUILDING_R1', 'BUILDING_R2', 'COMMERCIAL', 'FENCE']),
  floorAreaM2: z.number().int(),
  levels: z.number().int(),
  externalReference: z.string(),
});

export function inputOfSubmission(submission: Submission): BuildingPermitInput {
  return inputSchema.parse(submission.payload);
}

/** An application Guichet holds for Urbanisme, shown like any other (QUEUED, or REJECTED by the ministry). */
export function queuedPermitRecord(submission: Submission): BuildingPermitRecord {
  const input = inputOfSubmission(submission);
  return {
    ...queuedDossierRecord(submission),
    landTitle: input.landTitle,
    architectRegistration: input.architectRegistration,
    // The register's name for the architect is known once the ministry has the file.
    architectName: input.architectRegistration,
    communeCode: input.communeCode,
    quarter: input.quarter,
    projectKind: input.projectKind,
    floorAreaM2: input.floorAreaM2,
    levels: input.levels,
    missingDocuments: [],
  };
}
