import { ProcedureCode } from '../../schema/procedures.js';
import { formatFcfa, type DossierStep } from '../shared/index.js';
import type { DemandePayload } from './legacy-payloads.js';
import { referenceOfNumero } from './references.js';
import { QUOTE_ISSUED, ceetStatuses, type CeetStatus } from './states.js';
import type { ElectricityRequestRecord } from './types.js';

/** Codes are checked by the payload schema; this only narrows the lookup. */
function statusOf(code: number): CeetStatus {
  const status = ceetStatuses.get(code);
  if (!status) throw new Error(`unchecked CEET status code ${code}`);
  return status;
}

/** A validated CEET `demande` → the clean record the graph serves. */
export function toElectricityRequestRecord(demande: DemandePayload): ElectricityRequestRecord {
  const current = statusOf(demande.statut);
  const history: DossierStep[] = demande.historique
    .map((step) => ({ status: statusOf(step.statut).status, ministryStatus: statusOf(step.statut).label, at: step.date }))
    .sort((a, b) => a.at.localeCompare(b.at));
  const quoteAmountFcfa = demande.montantDevis ?? null;
  return {
    reference: referenceOfNumero(demande.numero),
    applicantNiu: demande.niuDemandeur,
    status: current.status,
    ministryStatus: current.label,
    ministryStatusCode: String(demande.statut),
    submittedAt: demande.dateDepot,
    updatedAt: demande.dateMaj,
    history,
    nextAction: demande.statut === QUOTE_ISSUED ? (quoteAmountFcfa === null ? 'Payer le devis' : `Payer le devis de ${formatFcfa(quoteAmountFcfa)}`) : null,
    procedureCode: ProcedureCode.ELECTRICITY_CONNECTION_LV,
    externalReference: demande.referenceExterne ?? null,
    meterType: demande.typeCompteur === 'TRI' ? 'THREE_PHASE' : 'SINGLE_PHASE',
    communeCode: demande.commune,
    quarter: demande.quartier,
    landTitle: demande.titreFoncier ?? null,
    applianceCount: demande.nombreAppareils,
    filingFeeFcfa: demande.fraisDossier,
    quoteAmountFcfa,
    documents: demande.piecesJointes.map((piece) => ({ kind: piece.nature, mediaType: piece.typeMime, size: piece.taille, sha256: piece.empreinte })),
  };
}
