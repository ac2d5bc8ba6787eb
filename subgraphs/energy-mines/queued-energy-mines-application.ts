import { z } from 'zod';
import { isProcedureOfMines, mineralSubstances, type EnergyMinesApplicationInput, type EnergyMinesApplicationRecord, type MineralSubstance } from '../../adapters/mines/index.js';
import type { Submission } from '../../outbox/index.js';
import { findProcedure } from '../../schema/index.js';
import { queuedDossierRecord } from '../shared/index.js';

/** What the outbox stores of an application: exactly the adapter's input, checked again when read back. */
const inputSchema = z.object({
  niu: z.string(),
  procedureCode: z.string().refine(isProcedureOfMines, 'not a procedure of this ministry'),
  companyName: z.string().nullable(),
  communeCode: z.string().nullable(),
  locality: z.string().nullable(),
  substance: z.enum(mineralSubstances as [MineralSubstance, ...MineralSubstance[]]).nullable(),
  areaHectares: z.number().nullable(),
  externalReference: z.string(),
});

export function inputOfSubmission(submission: Submission): EnergyMinesApplicationInput {
  const input = inputSchema.parse(submission.payload);
  if (!isProcedureOfMines(input.procedureCode)) throw new Error(`submission ${submission.externalReference} names another ministry's procedure`);
  return { ...input, procedureCode: input.procedureCode };
}

/** An application Guichet holds for the ministry, shown like any other (QUEUED, or REJECTED by the ministry). */
export function queuedEnergyMinesApplicationRecord(submission: Submission): EnergyMinesApplicationRecord {
  const input = inputOfSubmission(submission);
  return {
    ...queuedDossierRecord(submission),
    companyName: input.companyName,
    communeCode: input.communeCode,
    locality: input.locality,
    substance: input.substance,
    areaHectares: input.areaHectares,
    filingFeeFcfa: findProcedure(input.procedureCode)?.feeFcfa ?? 0,
    missingDocuments: [],
  };
}
