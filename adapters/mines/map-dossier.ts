import { badPayload, type DossierStep } from '../shared/index.js';
import type { LegacyDossier } from './legacy-payloads.js';
import { HECTARES_PER_KM2, procedureOfLegacyCode } from './procedures.js';
import { referenceOf } from './references.js';
import { missingDocumentsAction, stateOfCode, type StateMapping } from './states.js';
import { substanceOfLegacyCode } from './substances.js';
import type { EnergyMinesApplicationRecord } from './types.js';

/** One dossier (already shape-checked) → the clean record. Unknown states or procedures are BAD_BACKEND_RESPONSE. */
export function mapDossier(dossier: LegacyDossier, operation: string): EnergyMinesApplicationRecord {
  const stateOf = (code: string): StateMapping => {
    const state = stateOfCode(code);
    if (!state) throw badPayload('mines', operation, `unknown state ${JSON.stringify(code)} on ${dossier.NumeroDossier}`);
    return state;
  };
  const current = stateOf(dossier.CodeEtat);
  const procedure = procedureOfLegacyCode(dossier.CodeProcedure);
  if (!procedure) throw badPayload('mines', operation, `unknown procedure ${JSON.stringify(dossier.CodeProcedure)} on ${dossier.NumeroDossier}`);

  const substanceCode = dossier.Substance ?? null;
  const substance = substanceCode === null ? null : Object.hasOwn(substanceOfLegacyCode, substanceCode) ? substanceOfLegacyCode[substanceCode] : undefined;
  if (substance === undefined) throw badPayload('mines', operation, `unknown substance ${JSON.stringify(substanceCode)} on ${dossier.NumeroDossier}`);
  const surface = dossier.Superficie ?? null;
  if (surface !== null && !dossier.UniteSuperficie) throw badPayload('mines', operation, `surface without unit on ${dossier.NumeroDossier}`);
  // Permits are kept in km², small sites in hectares: the graph speaks hectares.
  const areaHectares = surface === null ? null : Math.round(surface * (dossier.UniteSuperficie === 'KM2' ? HECTARES_PER_KM2 : 1) * 100) / 100;

  // The list outlives the wait: it only means something while the dossier is at COMPL.
  const missingDocuments = dossier.CodeEtat === 'COMPL' ? dossier.PiecesDemandees : [];
  const history: DossierStep[] = dossier.Historique.map((step) => {
    const state = stateOf(step.CodeEtat);
    return { status: state.status, ministryStatus: state.label, at: step.Date };
  }).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

  return {
    reference: referenceOf(dossier.NumeroDossier, operation),
    applicantNiu: dossier.NuiDemandeur,
    status: current.status,
    ministryStatus: current.label,
    ministryStatusCode: dossier.CodeEtat,
    submittedAt: dossier.DateDepot,
    updatedAt: dossier.DateMaj,
    history,
    nextAction: dossier.CodeEtat === 'COMPL' ? missingDocumentsAction(missingDocuments) : current.nextAction,
    procedureCode: procedure.procedureCode,
    externalReference: dossier.RefExterne ?? null,
    companyName: dossier.RaisonSociale ?? null,
    // Set only when filed for a company of SIGEM's register; older dossiers name a company in free text only.
    company: dossier.NifSociete && dossier.RccmSociete ? { nif: dossier.NifSociete, rccm: dossier.RccmSociete } : null,
    communeCode: dossier.Commune ?? null,
    locality: dossier.Localite ?? null,
    filingFeeFcfa: dossier.FraisDossierFcfa,
    substance,
    areaHectares,
    missingDocuments,
    documents: dossier.PiecesRecues.map((piece) => ({ kind: piece.Nature, mediaType: piece.TypeMime, size: piece.Taille, sha256: piece.Empreinte })),
  };
}
