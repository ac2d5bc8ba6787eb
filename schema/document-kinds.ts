/**
 * The kinds of supporting document a procedure may require (pièces justificatives), with their French labels. A code
 * enum, not free text: uploads will be checked against a procedure's kinds (issue 17, part 3), and a portal shows the
 * label. One list for every ministry; a procedure row names kinds from here.
 */
export const documentKindLabels = {
  IDENTITY_DOCUMENT: 'Pièce d’identité du demandeur',
  APPLICATION_LETTER: 'Demande timbrée adressée à l’autorité compétente',
  COMPANY_REGISTRATION: 'Extrait du registre du commerce et du crédit mobilier (RCCM)',
  COMPANY_STATUTES: 'Statuts de la société ou de la coopérative',
  TAX_CERTIFICATE: 'Attestation d’immatriculation fiscale (NIF) et de situation fiscale',
  SITE_PLAN: 'Plan de situation',
  LOCATION_PLAN: 'Plan de localisation',
  PERIMETER_MAP: 'Carte topographique du périmètre sollicité (coordonnées UTM des sommets)',
  LAND_TITLE: 'Titre foncier du terrain',
  LANDOWNER_CONSENT: 'Accord écrit du propriétaire foncier ou du chef de canton',
  TECHNICAL_STUDY: 'Étude technique',
  FEASIBILITY_STUDY: 'Étude de faisabilité technique et économique',
  ENVIRONMENTAL_IMPACT_STUDY: 'Étude d’impact environnemental et social',
  ENVIRONMENTAL_COMPLIANCE_CERTIFICATE: 'Certificat de conformité environnementale délivré par l’ANGE',
  WORK_PROGRAMME: 'Programme des travaux et budget prévisionnel',
  FINANCIAL_CAPACITY: 'Justificatifs des capacités techniques et financières',
  FACILITY_PLANS: 'Plans des installations visés par un bureau d’études agréé',
  FIRE_SAFETY_OPINION: 'Avis favorable de la Direction de la protection civile (sécurité incendie)',
  INSURANCE_CERTIFICATE: 'Attestation d’assurance responsabilité civile',
  QUALIFICATION_DIPLOMA: 'Diplôme ou certificat de qualification professionnelle',
  PROFESSIONAL_EXPERIENCE: 'Attestations d’expérience professionnelle',
  CRIMINAL_RECORD: 'Bulletin n°3 du casier judiciaire de moins de trois mois',
  EQUIPMENT_LIST: 'Liste du matériel et des équipements',
  REHABILITATION_PLAN: 'Plan de réhabilitation du site',
  HEALTH_SAFETY_COMMITMENT: 'Engagement à respecter les règles d’hygiène, de sécurité et d’environnement',
  CURRENT_TITLE: 'Copie du titre, de l’agrément ou de la licence en cours',
  TRANSFER_DEED: 'Acte de cession ou de transmission signé des parties',
  PRODUCTION_STATEMENT: 'État des quantités produites, vendues et stockées',
  SUPPLY_CONTRACT: 'Contrat d’approvisionnement avec un fournisseur agréé',
  VEHICLE_DOCUMENTS: 'Carte grise et certificat de visite technique du véhicule',
  GRID_CONNECTION_STUDY: 'Étude de raccordement au réseau',
  FEE_RECEIPT: 'Quittance des frais d’instruction',
  ACT_REFERENCE: 'Numéro de l’acte d’état civil',
  ARCHITECT_PLANS: 'Plans du projet signés par un architecte inscrit à l’Ordre',
  WORKS_ESTIMATE: 'Devis descriptif des travaux',
} as const;

export type DocumentKind = keyof typeof documentKindLabels;

/**
 * Kinds a filing gives as a field of its input, not as a file: the act number of a copy request is typed (the input's
 * `actNumber`, which the filing already checks against RNEC), never scanned. A procedure still lists such a kind (the
 * catalogue says what to provide), but the documents check neither requires nor accepts a file of it.
 */
export const documentKindsGivenAsField: ReadonlySet<DocumentKind> = new Set<DocumentKind>(['ACT_REFERENCE']);

/** Every kind, in the order above (the GraphQL enum's order). */
export const documentKinds = Object.keys(documentKindLabels) as readonly DocumentKind[];

export function isDocumentKind(value: string): value is DocumentKind {
  return Object.hasOwn(documentKindLabels, value);
}
