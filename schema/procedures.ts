/**
 * The procedure catalogue (démarches): the graph's shared vocabulary. The dossiers subgraph serves it;
 * each ministry subgraph names the procedure of its dossiers by code from here.
 * Fees and delays of procedures without a simulated system are illustrative.
 */
export const MinistryCode = {
  CIVIL_REGISTRY: 'CIVIL_REGISTRY',
  ENERGY: 'ENERGY',
  URBAN_PLANNING: 'URBAN_PLANNING',
  SECURITY: 'SECURITY',
  JUSTICE: 'JUSTICE',
} as const;
export type MinistryCode = (typeof MinistryCode)[keyof typeof MinistryCode];

export const ministryNames: Readonly<Record<MinistryCode, string>> = {
  CIVIL_REGISTRY: 'Ministère de l’Administration territoriale — État civil (RNEC)',
  ENERGY: 'Ministère des Mines et de l’Énergie — CEET',
  URBAN_PLANNING: 'Ministère de l’Urbanisme, de l’Habitat et de la Réforme foncière',
  SECURITY: 'Ministère de la Sécurité et de la Protection civile',
  JUSTICE: 'Ministère de la Justice et de la Législation',
};

export const ProcedureCode = {
  ELECTRICITY_CONNECTION_LV: 'CEET-RACCORDEMENT-BT',
  BUILDING_PERMIT: 'URB-PERMIS-CONSTRUIRE',
  BIRTH_ACT_COPY: 'RNEC-COPIE-NAISSANCE',
  MARRIAGE_ACT_COPY: 'RNEC-COPIE-MARIAGE',
  DEATH_ACT_COPY: 'RNEC-COPIE-DECES',
  ORDINARY_PASSPORT: 'DGDN-PASSEPORT-ORDINAIRE',
  RESIDENCE_CARD: 'DGDN-CARTE-SEJOUR',
  CRIMINAL_RECORD_3: 'JUS-CASIER-B3',
  NATIONALITY_CERTIFICATE_DUPLICATE: 'JUS-CNT-DUPLICATA',
} as const;
export type ProcedureCode = (typeof ProcedureCode)[keyof typeof ProcedureCode];

export interface Procedure {
  readonly code: ProcedureCode;
  readonly title: string;
  readonly ministry: MinistryCode;
  readonly description: string;
  readonly requiredDocuments: readonly string[];
  readonly feeFcfa: number;
  readonly legalDelayDays: number;
}

export const procedures: readonly Procedure[] = [
  {
    code: ProcedureCode.ELECTRICITY_CONNECTION_LV,
    title: 'Demande de raccordement au réseau électrique basse tension',
    ministry: MinistryCode.ENERGY,
    description:
      'Branchement d’un logement au réseau de la CEET : visite du site, devis, pose du compteur après paiement, contrôle de conformité puis mise en service.',
    requiredDocuments: [
      'Pièce d’identité du demandeur',
      'Plan de situation',
      'Plan de localisation',
      'Liste des appareils électriques (pour le calibrage du compteur)',
    ],
    feeFcfa: 1_500,
    legalDelayDays: 45,
  },
  {
    code: ProcedureCode.BUILDING_PERMIT,
    title: 'Demande de permis de construire',
    ministry: MinistryCode.URBAN_PLANNING,
    description:
      'Autorisation de construire déposée par un architecte inscrit à l’Ordre : recevabilité, instruction technique, avis de la commission, signature.',
    requiredDocuments: [
      'Titre foncier du terrain',
      'Plans du projet signés par un architecte inscrit à l’Ordre',
      'Pièce d’identité du demandeur',
      'Devis descriptif des travaux',
    ],
    feeFcfa: 25_000,
    legalDelayDays: 30,
  },
  {
    code: ProcedureCode.BIRTH_ACT_COPY,
    title: 'Demande de copie d’acte de naissance',
    ministry: MinistryCode.CIVIL_REGISTRY,
    description: 'Copie intégrale ou extrait d’un acte de naissance enregistré au registre national de l’état civil.',
    requiredDocuments: ['Numéro de l’acte de naissance', 'Pièce d’identité du demandeur'],
    feeFcfa: 500,
    legalDelayDays: 3,
  },
  {
    code: ProcedureCode.MARRIAGE_ACT_COPY,
    title: 'Demande de copie d’acte de mariage',
    ministry: MinistryCode.CIVIL_REGISTRY,
    description: 'Copie d’un acte de mariage enregistré au registre national de l’état civil.',
    requiredDocuments: ['Numéro de l’acte de mariage', 'Pièce d’identité du demandeur'],
    feeFcfa: 500,
    legalDelayDays: 3,
  },
  {
    code: ProcedureCode.DEATH_ACT_COPY,
    title: 'Demande de copie d’acte de décès',
    ministry: MinistryCode.CIVIL_REGISTRY,
    description: 'Copie d’un acte de décès enregistré au registre national de l’état civil.',
    requiredDocuments: ['Numéro de l’acte de décès', 'Pièce d’identité du demandeur'],
    feeFcfa: 500,
    legalDelayDays: 3,
  },
  {
    code: ProcedureCode.ORDINARY_PASSPORT,
    title: 'Demande de passeport ordinaire',
    ministry: MinistryCode.SECURITY,
    description: 'Délivrance d’un passeport ordinaire biométrique ; enrôlement sur rendez-vous.',
    requiredDocuments: ['Acte de naissance', 'Certificat de nationalité', 'Carte nationale d’identité', 'Photo d’identité'],
    feeFcfa: 25_000,
    legalDelayDays: 15,
  },
  {
    code: ProcedureCode.RESIDENCE_CARD,
    title: 'Demande de carte de séjour',
    ministry: MinistryCode.SECURITY,
    description: 'Titre de séjour pour les ressortissants étrangers résidant au Togo.',
    requiredDocuments: ['Passeport en cours de validité', 'Justificatif de domicile', 'Photo d’identité'],
    feeFcfa: 30_000,
    legalDelayDays: 30,
  },
  {
    code: ProcedureCode.CRIMINAL_RECORD_3,
    title: 'Demande de bulletin n°3 du casier judiciaire',
    ministry: MinistryCode.JUSTICE,
    description: 'Extrait du casier judiciaire délivré à la personne concernée, validé sous 72 heures.',
    requiredDocuments: ['Acte de naissance', 'Pièce d’identité'],
    feeFcfa: 500,
    legalDelayDays: 3,
  },
  {
    code: ProcedureCode.NATIONALITY_CERTIFICATE_DUPLICATE,
    title: 'Demande de duplicata du certificat de nationalité',
    ministry: MinistryCode.JUSTICE,
    description: 'Duplicata d’un certificat de nationalité togolaise déjà délivré.',
    requiredDocuments: ['Copie ou référence du certificat initial', 'Pièce d’identité'],
    feeFcfa: 3_000,
    legalDelayDays: 7,
  },
];

const byCode = new Map<string, Procedure>(procedures.map((p) => [p.code, p]));

export function findProcedure(code: string): Procedure | undefined {
  return byCode.get(code);
}
