import { ministryNames, type Procedure as CatalogueEntry } from '../../schema/index.js';
import type { Procedure } from './procedure.js';

export function procedureView(entry: CatalogueEntry): Procedure {
  return {
    code: entry.code,
    title: entry.title,
    ministry: ministryNames[entry.ministry],
    ministryName: ministryNames[entry.ministry],
    ministryCode: entry.ministry,
    description: entry.description,
    requiredDocuments: [...entry.requiredDocuments],
    documents: entry.documents.map(({ kind, label, detail, givenAs }) => ({ kind, label, detail, asFile: givenAs === 'file' })),
    feeFcfa: entry.feeFcfa,
    legalDelayDays: entry.legalDelayDays,
    handlingBody: entry.handlingBody && { ...entry.handlingBody },
    applicantKinds: [...entry.applicantKinds],
  };
}
