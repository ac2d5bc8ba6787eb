import { ProcedureCode } from '../../schema/index.js';
import { badPayload, type DossierStep } from '../shared/index.js';
import type { LegacyDossier } from './legacy-payloads.js';
import { referenceOf } from './references.js';
import { missingDocumentsAction, projectKindOfNature, stages, type StageMapping } from './stages.js';
import type { BuildingPermitRecord } from './types.js';

/** One Urbanisme dossier (already shape-checked) → the clean record. Unknown stages or project kinds are BAD_BACKEND_RESPONSE. */
export function mapDossier(dossier: LegacyDossier, operation: string): BuildingPermitRecord {
  const stageOf = (etape: string): StageMapping => {
    const stage = Object.hasOwn(stages, etape) ? stages[etape] : undefined;
    if (!stage) throw badPayload('urbanisme', operation, `unknown stage ${JSON.stringify(etape)} on ${dossier.numero}`);
    return stage;
  };
  const current = stageOf(dossier.etape);
  const projectKind = Object.hasOwn(projectKindOfNature, dossier.nature_projet) ? projectKindOfNature[dossier.nature_projet] : undefined;
  if (!projectKind) throw badPayload('urbanisme', operation, `unknown nature_projet ${JSON.stringify(dossier.nature_projet)} on ${dossier.numero}`);

  // The list outlives the wait: it only means something while the dossier is at PIECES_MANQUANTES.
  const missingDocuments = dossier.etape === 'PIECES_MANQUANTES' ? dossier.pieces_manquantes : [];
  const history: DossierStep[] = dossier.historique
    .map((step) => {
      const stage = stageOf(step.etape);
      return { status: stage.status, ministryStatus: stage.label, at: step.date };
    })
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

  return {
    reference: referenceOf(dossier.numero, operation),
    applicantNiu: dossier.demandeur_niu,
    status: current.status,
    ministryStatus: current.label,
    ministryStatusCode: dossier.etape,
    submittedAt: dossier.date_depot,
    updatedAt: dossier.date_maj,
    history,
    nextAction: dossier.etape === 'PIECES_MANQUANTES' ? missingDocumentsAction(missingDocuments) : current.nextAction,
    procedureCode: ProcedureCode.BUILDING_PERMIT,
    externalReference: dossier.reference_externe ?? null,
    landTitle: dossier.titre_foncier,
    architectRegistration: dossier.architecte.numero_ordre,
    architectName: dossier.architecte.nom,
    communeCode: dossier.commune,
    quarter: dossier.quartier,
    projectKind,
    floorAreaM2: dossier.surface_plancher_m2,
    levels: dossier.niveaux,
    missingDocuments,
    documents: dossier.pieces_recues.map((piece) => ({ kind: piece.type_piece, mediaType: piece.type_mime, size: piece.taille_octets, sha256: piece.sha256 })),
  };
}
