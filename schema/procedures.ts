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
  MINES: 'MINES',
  // new-ministry:ministry-codes
} as const;
export type MinistryCode = (typeof MinistryCode)[keyof typeof MinistryCode];

export const ministryNames: Readonly<Record<MinistryCode, string>> = {
  CIVIL_REGISTRY: 'Ministère de l’Administration territoriale — État civil (RNEC)',
  ENERGY: 'Ministère des Mines et de l’Énergie — CEET',
  URBAN_PLANNING: 'Ministère de l’Urbanisme, de l’Habitat et de la Réforme foncière',
  SECURITY: 'Ministère de la Sécurité et de la Protection civile',
  JUSTICE: 'Ministère de la Justice et de la Législation',
  MINES: 'Ministère des Mines et de l’Énergie — Directions générales des mines et de l’énergie',
  // new-ministry:ministry-names
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
  MINING_EXPLORATION_PERMIT: 'MEM-PERMIS-RECHERCHE',
  ARTISANAL_MINING_AUTHORIZATION: 'MEM-EXPLOITATION-ARTISANALE',
  QUARRY_AUTHORIZATION: 'MEM-CARRIERE',
  PETROLEUM_DEPOT_APPROVAL: 'MEM-DEPOT-PETROLIER',
  ELECTRICAL_INSTALLER_APPROVAL: 'MEM-AGREMENT-ELECTRICIEN',
  // new-ministry:procedure-codes
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
  // Mines et Énergie (SIGEM): fees are the filing fees the ministry collects online; the fixed duties of a title
  // (droits fixes) and the surface royalties are paid once it is granted (state PAIE).
  {
    code: ProcedureCode.MINING_EXPLORATION_PERMIT,
    title: 'Demande de permis de recherche minière',
    ministry: MinistryCode.MINES,
    description:
      'Permis exclusif de recherche de substances minérales sur un périmètre défini (en km²), instruit par la Direction générale des mines et de la géologie et accordé par arrêté pour trois ans renouvelables.',
    requiredDocuments: [
      'Demande timbrée adressée au ministre chargé des mines',
      'Statuts et extrait du registre du commerce (RCCM) de la société',
      'Carte topographique au 1/50 000 délimitant le périmètre sollicité (coordonnées UTM des sommets)',
      'Programme des travaux de recherche et budget prévisionnel',
      'Justificatifs des capacités techniques et financières',
      'Quittance des frais d’instruction',
    ],
    feeFcfa: 500_000,
    legalDelayDays: 90,
  },
  {
    code: ProcedureCode.ARTISANAL_MINING_AUTHORIZATION,
    title: 'Demande d’autorisation d’exploitation minière artisanale',
    ministry: MinistryCode.MINES,
    description:
      'Autorisation d’exploiter à petite échelle (orpaillage, pierres) sur un site de quelques hectares, délivrée à une personne ou à une coopérative après visite de terrain.',
    requiredDocuments: [
      'Demande timbrée adressée au directeur général des mines et de la géologie',
      'Pièce d’identité du demandeur ou statuts de la coopérative',
      'Plan de situation du site avec coordonnées GPS',
      'Accord écrit du propriétaire foncier ou du chef de canton',
      'Engagement à respecter les règles d’hygiène, de sécurité et d’environnement',
    ],
    feeFcfa: 100_000,
    legalDelayDays: 30,
  },
  {
    code: ProcedureCode.QUARRY_AUTHORIZATION,
    title: 'Demande d’autorisation d’ouverture et d’exploitation de carrière',
    ministry: MinistryCode.MINES,
    description:
      'Autorisation d’extraire des matériaux de construction (sable, gravier, granite, calcaire) sur un terrain donné, avec plan de réhabilitation du site.',
    requiredDocuments: [
      'Demande timbrée adressée au ministre chargé des mines',
      'Titre foncier du terrain ou accord notarié du propriétaire',
      'Plan de situation et plan de masse du site',
      'Certificat de conformité environnementale délivré par l’ANGE',
      'Programme d’exploitation et plan de réhabilitation du site',
    ],
    feeFcfa: 250_000,
    legalDelayDays: 45,
  },
  {
    code: ProcedureCode.PETROLEUM_DEPOT_APPROVAL,
    title: 'Demande d’agrément de dépôt de produits pétroliers',
    ministry: MinistryCode.MINES,
    description:
      'Agrément d’un dépôt de stockage et de distribution de produits pétroliers (carburants, pétrole lampant, gaz butane), après inspection de sécurité par la Direction générale de l’énergie.',
    requiredDocuments: [
      'Demande timbrée adressée au ministre chargé de l’énergie',
      'Statuts et extrait du registre du commerce (RCCM)',
      'Plans du dépôt (cuves, aire de dépotage, dispositifs de sécurité) visés par un bureau d’études agréé',
      'Certificat de conformité environnementale délivré par l’ANGE',
      'Avis favorable de la Direction de la protection civile (sécurité incendie)',
      'Attestation d’assurance responsabilité civile',
    ],
    feeFcfa: 300_000,
    legalDelayDays: 60,
  },
  {
    code: ProcedureCode.ELECTRICAL_INSTALLER_APPROVAL,
    title: 'Demande d’agrément d’installateur électricien',
    ministry: MinistryCode.MINES,
    description:
      'Agrément permettant de réaliser des installations électriques intérieures en basse tension dont la conformité conditionne le raccordement au réseau de la CEET.',
    requiredDocuments: [
      'Demande timbrée adressée au directeur général de l’énergie',
      'Pièce d’identité du demandeur',
      'Diplôme ou certificat de qualification en électricité (CAP, BT, BTS)',
      'Attestations d’expérience professionnelle',
      'Bulletin n°3 du casier judiciaire de moins de trois mois',
      'Liste du matériel de mesure et de contrôle',
    ],
    feeFcfa: 50_000,
    legalDelayDays: 30,
  },
  // new-ministry:procedures
];

const byCode = new Map<string, Procedure>(procedures.map((p) => [p.code, p]));

export function findProcedure(code: string): Procedure | undefined {
  return byCode.get(code);
}
