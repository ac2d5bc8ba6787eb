import type { ApplicantKind } from './applicant-kinds.js';
import type { DocumentKind } from './document-kinds.js';
import type { HandlingBodyCode } from './handling-bodies.js';
import type { MinesStageCode, MinesSubstanceCode } from './mines-states.js';

/** A required document: its kind, with what this procedure asks precisely when the kind's label is not enough. */
export type RequiredDocumentRow = DocumentKind | { readonly kind: DocumentKind; readonly detail: string };

/** How SIGEM knows the procedure: its own code and the fields its deposit screen requires. */
export interface SigemProcedureRow {
  /** `CodeProcedure`, SIGEM's own code. */
  readonly code: string;
  /** SIGEM refuses a deposit without commune and locality for these. */
  readonly site: boolean;
  /** Mining titles: a substance and a surface, in the unit SIGEM keeps that title in, and its bounds in that unit. */
  readonly mining: { readonly unit: 'KM2' | 'HA'; readonly min: number; readonly max: number; readonly usualSubstances: readonly MinesSubstanceCode[] } | null;
  /** Relative weight in the seeded world (how common the procedure is). */
  readonly seedWeight: number;
}

/** One energy & mines procedure: a catalogue row with everything a portal, SIGEM's simulator and its adapter need. */
export interface MinesProcedureRow {
  readonly key: string;
  readonly code: string;
  readonly title: string;
  readonly description: string;
  readonly documents: readonly RequiredDocumentRow[];
  /** Filing fee collected online; 0 when the procedure is free (declarations). */
  readonly feeFcfa: number;
  readonly legalDelayDays: number;
  readonly body: HandlingBodyCode;
  readonly applicants: readonly ApplicantKind[];
  /** SIGEM's stages after filing, in order (`ENR` before, `COMPL` and `REJ` possible anywhere). */
  readonly stages: readonly MinesStageCode[];
  readonly sigem: SigemProcedureRow;
}

/** The usual path of a title: admissibility, technical review, duties, signature, delivery. */
const titleStages = ['RECV', 'INST', 'PAIE', 'SIGN', 'DELIV'] as const;
/** A title on a site: a field visit before the duties. */
const siteTitleStages = ['RECV', 'INST', 'VISITE', 'PAIE', 'SIGN', 'DELIV'] as const;
/** A site that affects neighbours: a public inquiry (commodo et incommodo) too. */
const inquiryStages = ['RECV', 'INST', 'ENQ', 'VISITE', 'PAIE', 'SIGN', 'DELIV'] as const;
/** Electricity licences and concessions: the regulator's opinion (ARSE) before the signature. */
const regulatedStages = ['RECV', 'INST', 'AVIS', 'PAIE', 'SIGN', 'DELIV'] as const;
/** A declaration is recorded, not granted. */
const declarationStages = ['RECV', 'ENREG'] as const;

const companyFile = ['APPLICATION_LETTER', 'COMPANY_STATUTES', 'COMPANY_REGISTRATION', 'TAX_CERTIFICATE'] as const;

/**
 * The 29 procedures the energy & mines ministry put online (permits, authorizations, licences, declarations of its
 * directorates and of the bodies under it). Rows and data: the catalogue (`schema/ministries.ts`' MINES row), SIGEM's
 * simulator (the codes it accepts, the seeded world's mix and stages) and the adapter (code mapping, filing checks)
 * all read this table. Fees are the filing fees collected online; the fixed duties of a title are paid once it is
 * granted (stage PAIE).
 */
export const minesProcedureRows = [
  // — Mining titles (Direction générale des mines et de la géologie) —
  {
    key: 'MINING_EXPLORATION_PERMIT',
    code: 'MEM-PERMIS-RECHERCHE',
    title: 'Demande de permis de recherche minière',
    description:
      'Permis exclusif de recherche de substances minérales sur un périmètre défini (en km²), instruit par la Direction générale des mines et de la géologie et accordé par arrêté pour trois ans renouvelables.',
    documents: [
      { kind: 'APPLICATION_LETTER', detail: 'Demande timbrée adressée au ministre chargé des mines' },
      { kind: 'COMPANY_REGISTRATION', detail: 'Statuts et extrait du registre du commerce (RCCM) de la société' },
      { kind: 'PERIMETER_MAP', detail: 'Carte topographique au 1/50 000 délimitant le périmètre sollicité (coordonnées UTM des sommets)' },
      { kind: 'WORK_PROGRAMME', detail: 'Programme des travaux de recherche et budget prévisionnel' },
      'FINANCIAL_CAPACITY',
      'FEE_RECEIPT',
    ],
    feeFcfa: 500_000,
    legalDelayDays: 90,
    body: 'DGMG',
    applicants: ['COMPANY'],
    stages: titleStages,
    sigem: { code: 'PR', site: true, mining: { unit: 'KM2', min: 5, max: 500, usualSubstances: ['OR', 'PHOS', 'MANG', 'MARB', 'CALC'] }, seedWeight: 8 },
  },
  {
    key: 'MINING_EXPLORATION_PERMIT_RENEWAL',
    code: 'MEM-PERMIS-RECHERCHE-RENOUVELLEMENT',
    title: 'Demande de renouvellement de permis de recherche minière',
    description: 'Renouvellement pour trois ans d’un permis de recherche en cours de validité, le périmètre réduit de moitié, sur présentation des travaux réalisés.',
    documents: [
      'APPLICATION_LETTER',
      'CURRENT_TITLE',
      { kind: 'TECHNICAL_STUDY', detail: 'Rapport des travaux de recherche réalisés et résultats obtenus' },
      'PERIMETER_MAP',
      'WORK_PROGRAMME',
      'TAX_CERTIFICATE',
    ],
    feeFcfa: 250_000,
    legalDelayDays: 60,
    body: 'DGMG',
    applicants: ['COMPANY'],
    stages: titleStages,
    sigem: { code: 'PRR', site: true, mining: { unit: 'KM2', min: 2, max: 250, usualSubstances: ['OR', 'PHOS', 'MANG', 'MARB'] }, seedWeight: 3 },
  },
  {
    key: 'LARGE_MINE_EXPLOITATION_PERMIT',
    code: 'MEM-PERMIS-EXPLOITATION-GRANDE-MINE',
    title: 'Demande de permis d’exploitation de grande mine',
    description: 'Permis d’exploitation industrielle d’un gisement reconnu, accordé par décret après étude de faisabilité, étude d’impact environnemental et enquête publique.',
    documents: [...companyFile, 'PERIMETER_MAP', 'FEASIBILITY_STUDY', 'ENVIRONMENTAL_IMPACT_STUDY', 'FINANCIAL_CAPACITY', 'REHABILITATION_PLAN'],
    feeFcfa: 2_000_000,
    legalDelayDays: 120,
    body: 'DGMG',
    applicants: ['COMPANY'],
    stages: ['RECV', 'INST', 'ENQ', 'AVIS', 'PAIE', 'SIGN', 'DELIV'],
    sigem: { code: 'PEGM', site: true, mining: { unit: 'KM2', min: 1, max: 200, usualSubstances: ['PHOS', 'CALC', 'MANG', 'OR'] }, seedWeight: 1 },
  },
  {
    key: 'SMALL_MINE_EXPLOITATION_PERMIT',
    code: 'MEM-PERMIS-PETITE-MINE',
    title: 'Demande de permis d’exploitation de petite mine',
    description: 'Permis d’exploitation d’un petit gisement, semi-industrielle, sur quelques centaines d’hectares au plus.',
    documents: [...companyFile, 'PERIMETER_MAP', 'TECHNICAL_STUDY', 'ENVIRONMENTAL_IMPACT_STUDY', 'REHABILITATION_PLAN'],
    feeFcfa: 1_000_000,
    legalDelayDays: 90,
    body: 'DGMG',
    applicants: ['COMPANY'],
    stages: inquiryStages,
    sigem: { code: 'PEPM', site: true, mining: { unit: 'HA', min: 10, max: 1_000, usualSubstances: ['OR', 'MARB', 'GRAN', 'CALC'] }, seedWeight: 2 },
  },
  {
    key: 'ARTISANAL_MINING_AUTHORIZATION',
    code: 'MEM-EXPLOITATION-ARTISANALE',
    title: 'Demande d’autorisation d’exploitation minière artisanale',
    description: 'Autorisation d’exploiter à petite échelle (orpaillage, pierres) sur un site de quelques hectares, délivrée à une personne ou à une coopérative après visite de terrain.',
    documents: [
      { kind: 'APPLICATION_LETTER', detail: 'Demande timbrée adressée au directeur général des mines et de la géologie' },
      { kind: 'IDENTITY_DOCUMENT', detail: 'Pièce d’identité du demandeur ou statuts de la coopérative' },
      { kind: 'SITE_PLAN', detail: 'Plan de situation du site avec coordonnées GPS' },
      'LANDOWNER_CONSENT',
      'HEALTH_SAFETY_COMMITMENT',
    ],
    feeFcfa: 100_000,
    legalDelayDays: 30,
    body: 'DGMG',
    applicants: ['CITIZEN', 'COMPANY'],
    stages: siteTitleStages,
    sigem: { code: 'AEA', site: true, mining: { unit: 'HA', min: 1, max: 25, usualSubstances: ['OR', 'OR', 'OR', 'GRAN', 'ARGI'] }, seedWeight: 25 },
  },
  {
    key: 'SEMI_MECHANIZED_MINING_AUTHORIZATION',
    code: 'MEM-EXPLOITATION-SEMI-MECANISEE',
    title: 'Demande d’autorisation d’exploitation minière semi-mécanisée',
    description: 'Autorisation d’exploiter avec des engins légers (concasseurs, tables de lavage) sur un site de petite taille, réservée aux sociétés et coopératives.',
    documents: [...companyFile, 'SITE_PLAN', 'LANDOWNER_CONSENT', 'EQUIPMENT_LIST', 'ENVIRONMENTAL_COMPLIANCE_CERTIFICATE', 'HEALTH_SAFETY_COMMITMENT'],
    feeFcfa: 300_000,
    legalDelayDays: 45,
    body: 'DGMG',
    applicants: ['COMPANY'],
    stages: siteTitleStages,
    sigem: { code: 'AESM', site: true, mining: { unit: 'HA', min: 1, max: 100, usualSubstances: ['OR', 'GRAN', 'MARB'] }, seedWeight: 4 },
  },
  {
    key: 'QUARRY_AUTHORIZATION',
    code: 'MEM-CARRIERE',
    title: 'Demande d’autorisation d’ouverture et d’exploitation de carrière',
    description: 'Autorisation d’extraire des matériaux de construction (sable, gravier, granite, calcaire) sur un terrain donné, avec plan de réhabilitation du site.',
    documents: [
      { kind: 'APPLICATION_LETTER', detail: 'Demande timbrée adressée au ministre chargé des mines' },
      { kind: 'LAND_TITLE', detail: 'Titre foncier du terrain ou accord notarié du propriétaire' },
      { kind: 'SITE_PLAN', detail: 'Plan de situation et plan de masse du site' },
      'ENVIRONMENTAL_COMPLIANCE_CERTIFICATE',
      { kind: 'REHABILITATION_PLAN', detail: 'Programme d’exploitation et plan de réhabilitation du site' },
    ],
    feeFcfa: 250_000,
    legalDelayDays: 45,
    body: 'DGMG',
    applicants: ['CITIZEN', 'COMPANY'],
    stages: siteTitleStages,
    sigem: { code: 'AOC', site: true, mining: { unit: 'HA', min: 0.5, max: 50, usualSubstances: ['SABL', 'GRAV', 'GRAN', 'CALC', 'ARGI'] }, seedWeight: 30 },
  },
  {
    key: 'TEMPORARY_QUARRY_AUTHORIZATION',
    code: 'MEM-CARRIERE-TEMPORAIRE',
    title: 'Demande d’autorisation d’exploitation temporaire de carrière',
    description: 'Autorisation d’extraire des matériaux pour la durée d’un chantier de travaux publics, le site réhabilité à la fin du chantier.',
    documents: [...companyFile, { kind: 'CURRENT_TITLE', detail: 'Marché de travaux publics justifiant le besoin en matériaux' }, 'SITE_PLAN', 'LANDOWNER_CONSENT', 'REHABILITATION_PLAN'],
    feeFcfa: 150_000,
    legalDelayDays: 30,
    body: 'DGMG',
    applicants: ['COMPANY'],
    stages: siteTitleStages,
    sigem: { code: 'ACT', site: true, mining: { unit: 'HA', min: 0.5, max: 10, usualSubstances: ['SABL', 'GRAV', 'GRAN'] }, seedWeight: 6 },
  },
  {
    key: 'MINING_TITLE_RENEWAL',
    code: 'MEM-TITRE-MINIER-RENOUVELLEMENT',
    title: 'Demande de renouvellement d’un permis ou d’une autorisation d’exploitation',
    description:
      'Renouvellement d’un titre d’exploitation (grande ou petite mine, carrière, exploitation artisanale) arrivant à échéance, au vu des déclarations de production et des obligations remplies.',
    documents: ['APPLICATION_LETTER', 'CURRENT_TITLE', 'PRODUCTION_STATEMENT', 'TAX_CERTIFICATE', 'ENVIRONMENTAL_COMPLIANCE_CERTIFICATE'],
    feeFcfa: 200_000,
    legalDelayDays: 60,
    body: 'DGMG',
    applicants: ['COMPANY'],
    stages: titleStages,
    sigem: { code: 'RTM', site: false, mining: null, seedWeight: 4 },
  },
  {
    key: 'MINING_TITLE_TRANSFER',
    code: 'MEM-TITRE-MINIER-CESSION',
    title: 'Demande d’autorisation de cession ou de transmission d’un titre minier',
    description: 'Autorisation préalable du ministre pour céder, transmettre ou amodier un titre minier à une autre société, qui doit justifier des mêmes capacités.',
    documents: [...companyFile, 'CURRENT_TITLE', 'TRANSFER_DEED', 'FINANCIAL_CAPACITY'],
    feeFcfa: 1_000_000,
    legalDelayDays: 90,
    body: 'DGMG',
    applicants: ['COMPANY'],
    stages: titleStages,
    sigem: { code: 'CTM', site: false, mining: null, seedWeight: 1 },
  },
  {
    key: 'MINING_PRODUCTION_DECLARATION',
    code: 'MEM-DECLARATION-PRODUCTION-MINIERE',
    title: 'Déclaration trimestrielle de production minière',
    description: 'Déclaration des quantités extraites, vendues et stockées au cours du trimestre, due par tout titulaire d’un titre d’exploitation ou d’une autorisation artisanale ; sans frais.',
    documents: ['CURRENT_TITLE', 'PRODUCTION_STATEMENT'],
    feeFcfa: 0,
    legalDelayDays: 15,
    body: 'DGMG',
    applicants: ['CITIZEN', 'COMPANY'],
    stages: declarationStages,
    sigem: { code: 'DPM', site: false, mining: null, seedWeight: 10 },
  },
  {
    key: 'PRECIOUS_SUBSTANCES_DEALER_APPROVAL',
    code: 'MEM-AGREMENT-COMPTOIR',
    title: 'Demande d’agrément de comptoir d’achat et d’exportation de substances précieuses',
    description: 'Agrément des comptoirs qui achètent l’or et les pierres de l’exploitation artisanale et les exportent, sous contrôle de la traçabilité.',
    documents: [...companyFile, 'FINANCIAL_CAPACITY', 'INSURANCE_CERTIFICATE', 'CRIMINAL_RECORD'],
    feeFcfa: 1_000_000,
    legalDelayDays: 60,
    body: 'DGMG',
    applicants: ['COMPANY'],
    stages: titleStages,
    sigem: { code: 'CAM', site: false, mining: null, seedWeight: 1 },
  },
  // — Explosives (mines and quarries) —
  {
    key: 'EXPLOSIVES_USE_AUTHORIZATION',
    code: 'MEM-EXPLOSIFS-UTILISATION',
    title: 'Demande d’autorisation d’utilisation d’explosifs',
    description: 'Autorisation de tirs à l’explosif sur une mine ou une carrière, avec un boutefeu qualifié et un plan de tir approuvé.',
    documents: [
      ...companyFile,
      'CURRENT_TITLE',
      { kind: 'TECHNICAL_STUDY', detail: 'Plan de tir et consignes de sécurité' },
      { kind: 'QUALIFICATION_DIPLOMA', detail: 'Certificat de boutefeu du préposé aux tirs' },
    ],
    feeFcfa: 200_000,
    legalDelayDays: 30,
    body: 'DGMG',
    applicants: ['COMPANY'],
    stages: siteTitleStages,
    sigem: { code: 'AUE', site: true, mining: null, seedWeight: 3 },
  },
  {
    key: 'EXPLOSIVES_MAGAZINE_APPROVAL',
    code: 'MEM-EXPLOSIFS-DEPOT',
    title: 'Demande d’agrément de dépôt d’explosifs',
    description: 'Agrément d’un dépôt permanent d’explosifs et de détonateurs, après inspection des distances de sécurité et de la surveillance.',
    documents: [...companyFile, 'SITE_PLAN', 'FACILITY_PLANS', 'FIRE_SAFETY_OPINION', 'INSURANCE_CERTIFICATE'],
    feeFcfa: 300_000,
    legalDelayDays: 60,
    body: 'DGMG',
    applicants: ['COMPANY'],
    stages: siteTitleStages,
    sigem: { code: 'ADE', site: true, mining: null, seedWeight: 1 },
  },
  {
    key: 'EXPLOSIVES_IMPORT_LICENCE',
    code: 'MEM-EXPLOSIFS-IMPORTATION',
    title: 'Demande de licence d’importation d’explosifs',
    description: 'Licence d’importer des explosifs à usage civil (mines, carrières, travaux publics) pour un dépôt agréé.',
    documents: [...companyFile, { kind: 'CURRENT_TITLE', detail: 'Agrément du dépôt d’explosifs de destination' }, { kind: 'SUPPLY_CONTRACT', detail: 'Facture pro forma du fournisseur étranger' }],
    feeFcfa: 250_000,
    legalDelayDays: 30,
    body: 'DGMG',
    applicants: ['COMPANY'],
    stages: titleStages,
    sigem: { code: 'LIE', site: false, mining: null, seedWeight: 1 },
  },
  // — Petroleum products (Direction des hydrocarbures) —
  {
    key: 'PETROLEUM_DEPOT_APPROVAL',
    code: 'MEM-DEPOT-PETROLIER',
    title: 'Demande d’agrément de dépôt de produits pétroliers',
    description:
      'Agrément d’un dépôt de stockage et de distribution de produits pétroliers (carburants, pétrole lampant, gaz butane), après inspection de sécurité par la Direction générale de l’énergie.',
    documents: [
      { kind: 'APPLICATION_LETTER', detail: 'Demande timbrée adressée au ministre chargé de l’énergie' },
      { kind: 'COMPANY_REGISTRATION', detail: 'Statuts et extrait du registre du commerce (RCCM)' },
      { kind: 'FACILITY_PLANS', detail: 'Plans du dépôt (cuves, aire de dépotage, dispositifs de sécurité) visés par un bureau d’études agréé' },
      'ENVIRONMENTAL_COMPLIANCE_CERTIFICATE',
      'FIRE_SAFETY_OPINION',
      'INSURANCE_CERTIFICATE',
    ],
    feeFcfa: 300_000,
    legalDelayDays: 60,
    body: 'DH',
    applicants: ['COMPANY'],
    stages: siteTitleStages,
    sigem: { code: 'ADP', site: true, mining: null, seedWeight: 12 },
  },
  {
    key: 'PETROLEUM_IMPORT_LICENCE',
    code: 'MEM-PETROLE-IMPORTATION',
    title: 'Demande de licence d’importation de produits pétroliers',
    description: 'Licence d’importer des produits pétroliers raffinés (essence, gasoil, pétrole lampant, GPL) pour la revente sur le marché national.',
    documents: [...companyFile, 'FINANCIAL_CAPACITY', { kind: 'CURRENT_TITLE', detail: 'Contrat de stockage avec un dépôt agréé' }, 'SUPPLY_CONTRACT'],
    feeFcfa: 2_000_000,
    legalDelayDays: 45,
    body: 'DH',
    applicants: ['COMPANY'],
    stages: titleStages,
    sigem: { code: 'LIP', site: false, mining: null, seedWeight: 2 },
  },
  {
    key: 'PETROLEUM_DISTRIBUTION_LICENCE',
    code: 'MEM-PETROLE-DISTRIBUTION',
    title: 'Demande de licence de distribution de produits pétroliers',
    description: 'Licence de marketeur : distribuer des produits pétroliers sous sa marque, par un réseau de stations-service et de points de vente.',
    documents: [...companyFile, 'FINANCIAL_CAPACITY', 'SUPPLY_CONTRACT', 'INSURANCE_CERTIFICATE'],
    feeFcfa: 1_000_000,
    legalDelayDays: 45,
    body: 'DH',
    applicants: ['COMPANY'],
    stages: titleStages,
    sigem: { code: 'LDP', site: false, mining: null, seedWeight: 2 },
  },
  {
    key: 'SERVICE_STATION_AUTHORIZATION',
    code: 'MEM-STATION-SERVICE',
    title: 'Demande d’autorisation d’implantation et d’exploitation de station-service',
    description: 'Autorisation d’implanter une station-service sur un terrain donné, après enquête de commodo et incommodo et inspection des installations avant mise en service.',
    documents: [...companyFile, 'LAND_TITLE', 'SITE_PLAN', 'LOCATION_PLAN', 'FACILITY_PLANS', 'ENVIRONMENTAL_COMPLIANCE_CERTIFICATE', 'FIRE_SAFETY_OPINION'],
    feeFcfa: 500_000,
    legalDelayDays: 60,
    body: 'DH',
    applicants: ['COMPANY'],
    stages: inquiryStages,
    sigem: { code: 'ASS', site: true, mining: null, seedWeight: 6 },
  },
  {
    key: 'PETROLEUM_TRANSPORT_APPROVAL',
    code: 'MEM-PETROLE-TRANSPORT',
    title: 'Demande d’agrément de transporteur de produits pétroliers',
    description: 'Agrément d’un camion-citerne pour le transport de produits pétroliers par route, après visite technique du véhicule ; ouvert aux transporteurs individuels comme aux sociétés.',
    documents: [
      'APPLICATION_LETTER',
      'IDENTITY_DOCUMENT',
      'VEHICLE_DOCUMENTS',
      'INSURANCE_CERTIFICATE',
      { kind: 'QUALIFICATION_DIPLOMA', detail: 'Permis de conduire et attestation de formation au transport de matières dangereuses du chauffeur' },
    ],
    feeFcfa: 100_000,
    legalDelayDays: 30,
    body: 'DH',
    applicants: ['CITIZEN', 'COMPANY'],
    stages: siteTitleStages,
    sigem: { code: 'ATP', site: false, mining: null, seedWeight: 8 },
  },
  // — Electricity and renewable energy (Direction générale de l’énergie, CEET, AT2ER, ARSE) —
  {
    key: 'ELECTRICAL_INSTALLER_APPROVAL',
    code: 'MEM-AGREMENT-ELECTRICIEN',
    title: 'Demande d’agrément d’installateur électricien',
    description: 'Agrément permettant de réaliser des installations électriques intérieures en basse tension dont la conformité conditionne le raccordement au réseau de la CEET.',
    documents: [
      { kind: 'APPLICATION_LETTER', detail: 'Demande timbrée adressée au directeur général de l’énergie' },
      'IDENTITY_DOCUMENT',
      { kind: 'QUALIFICATION_DIPLOMA', detail: 'Diplôme ou certificat de qualification en électricité (CAP, BT, BTS)' },
      'PROFESSIONAL_EXPERIENCE',
      'CRIMINAL_RECORD',
      { kind: 'EQUIPMENT_LIST', detail: 'Liste du matériel de mesure et de contrôle' },
    ],
    feeFcfa: 50_000,
    legalDelayDays: 30,
    body: 'DGE',
    applicants: ['CITIZEN', 'COMPANY'],
    stages: titleStages,
    sigem: { code: 'AIE', site: false, mining: null, seedWeight: 25 },
  },
  {
    key: 'SELF_GENERATION_DECLARATION',
    code: 'MEM-AUTOPRODUCTION-DECLARATION',
    title: 'Déclaration d’installation d’autoproduction d’électricité',
    description: 'Déclaration d’un groupe électrogène ou d’une installation solaire de plus de 10 kVA produisant pour son propre usage ; enregistrée sans autorisation préalable.',
    documents: ['IDENTITY_DOCUMENT', 'LOCATION_PLAN', { kind: 'TECHNICAL_STUDY', detail: 'Fiche technique de l’installation (puissance, type, schéma unifilaire)' }],
    feeFcfa: 10_000,
    legalDelayDays: 15,
    body: 'DGE',
    applicants: ['CITIZEN', 'COMPANY'],
    stages: declarationStages,
    sigem: { code: 'DAP', site: true, mining: null, seedWeight: 8 },
  },
  {
    key: 'ELECTRICITY_PRODUCTION_LICENCE',
    code: 'MEM-ELECTRICITE-PRODUCTION',
    title: 'Demande de licence de production indépendante d’électricité',
    description: 'Licence de producteur indépendant vendant son électricité au réseau national, accordée après avis de l’Autorité de réglementation du secteur de l’électricité.',
    documents: [...companyFile, 'SITE_PLAN', 'FEASIBILITY_STUDY', 'ENVIRONMENTAL_IMPACT_STUDY', 'GRID_CONNECTION_STUDY', 'FINANCIAL_CAPACITY'],
    feeFcfa: 2_500_000,
    legalDelayDays: 120,
    body: 'ARSE',
    applicants: ['COMPANY'],
    stages: regulatedStages,
    sigem: { code: 'LPE', site: true, mining: null, seedWeight: 1 },
  },
  {
    key: 'ELECTRICITY_DISTRIBUTION_CONCESSION',
    code: 'MEM-ELECTRICITE-CONCESSION',
    title: 'Demande de concession de distribution d’électricité',
    description: 'Concession de distribution et de vente d’électricité dans une zone non desservie par le réseau de la CEET, attribuée après enquête publique et avis du régulateur.',
    documents: [...companyFile, 'SITE_PLAN', 'FEASIBILITY_STUDY', 'ENVIRONMENTAL_IMPACT_STUDY', 'FINANCIAL_CAPACITY'],
    feeFcfa: 3_000_000,
    legalDelayDays: 180,
    body: 'ARSE',
    applicants: ['COMPANY'],
    stages: ['RECV', 'INST', 'ENQ', 'AVIS', 'PAIE', 'SIGN', 'DELIV'],
    sigem: { code: 'CDE', site: true, mining: null, seedWeight: 1 },
  },
  {
    key: 'ELECTRICITY_PRODUCTION_DECLARATION',
    code: 'MEM-DECLARATION-PRODUCTION-ELECTRIQUE',
    title: 'Déclaration annuelle de production d’électricité',
    description: 'Déclaration par les producteurs et concessionnaires de l’énergie produite, injectée et vendue au cours de l’année, transmise au régulateur ; sans frais.',
    documents: ['CURRENT_TITLE', { kind: 'PRODUCTION_STATEMENT', detail: 'État annuel de l’énergie produite, injectée et vendue (kWh)' }],
    feeFcfa: 0,
    legalDelayDays: 30,
    body: 'ARSE',
    applicants: ['COMPANY'],
    stages: declarationStages,
    sigem: { code: 'DPE', site: false, mining: null, seedWeight: 2 },
  },
  {
    key: 'PRODUCER_GRID_CONNECTION',
    code: 'MEM-RACCORDEMENT-PRODUCTEUR',
    title: 'Demande de raccordement d’une installation de production au réseau de la CEET',
    description: 'Raccordement au réseau de distribution d’une centrale solaire ou d’un groupe de production injectant son surplus, après étude et visite technique de la CEET.',
    documents: ['IDENTITY_DOCUMENT', 'SITE_PLAN', 'LOCATION_PLAN', 'GRID_CONNECTION_STUDY', { kind: 'TECHNICAL_STUDY', detail: 'Schéma unifilaire et fiches techniques des onduleurs et protections' }],
    feeFcfa: 75_000,
    legalDelayDays: 60,
    body: 'CEET',
    applicants: ['CITIZEN', 'COMPANY'],
    stages: siteTitleStages,
    sigem: { code: 'RPR', site: true, mining: null, seedWeight: 4 },
  },
  {
    key: 'RENEWABLE_PLANT_AUTHORIZATION',
    code: 'MEM-ENR-INSTALLATION',
    title: 'Demande d’autorisation d’installation de production d’énergie renouvelable',
    description: 'Autorisation d’une installation solaire, hydroélectrique ou biomasse de moyenne puissance, instruite par l’AT2ER avec visite du site.',
    documents: [...companyFile, 'LAND_TITLE', 'SITE_PLAN', 'TECHNICAL_STUDY', 'ENVIRONMENTAL_COMPLIANCE_CERTIFICATE'],
    feeFcfa: 500_000,
    legalDelayDays: 60,
    body: 'AT2ER',
    applicants: ['COMPANY'],
    stages: siteTitleStages,
    sigem: { code: 'AIR', site: true, mining: null, seedWeight: 2 },
  },
  {
    key: 'MINI_GRID_AUTHORIZATION',
    code: 'MEM-MINI-RESEAU',
    title: 'Demande d’autorisation d’exploitation d’un mini-réseau électrique rural',
    description: 'Autorisation de produire et de distribuer l’électricité d’un mini-réseau solaire dans une localité rurale, dans le cadre du programme d’électrification de l’AT2ER.',
    documents: [...companyFile, 'SITE_PLAN', 'FEASIBILITY_STUDY', { kind: 'LANDOWNER_CONSENT', detail: 'Accord de la communauté et du chef de canton' }, 'FINANCIAL_CAPACITY'],
    feeFcfa: 250_000,
    legalDelayDays: 90,
    body: 'AT2ER',
    applicants: ['COMPANY'],
    stages: siteTitleStages,
    sigem: { code: 'AMR', site: true, mining: null, seedWeight: 2 },
  },
  {
    key: 'SOLAR_INSTALLER_ACCREDITATION',
    code: 'MEM-AGREMENT-INSTALLATEUR-SOLAIRE',
    title: 'Demande d’agrément d’installateur de systèmes solaires photovoltaïques',
    description: 'Agrément des installateurs de kits et systèmes solaires photovoltaïques (éligibles aux programmes de l’AT2ER), après vérification de la qualification et des références.',
    documents: ['APPLICATION_LETTER', 'IDENTITY_DOCUMENT', 'QUALIFICATION_DIPLOMA', 'PROFESSIONAL_EXPERIENCE', 'EQUIPMENT_LIST'],
    feeFcfa: 50_000,
    legalDelayDays: 30,
    body: 'AT2ER',
    applicants: ['CITIZEN', 'COMPANY'],
    stages: titleStages,
    sigem: { code: 'AIS', site: false, mining: null, seedWeight: 10 },
  },
] as const satisfies readonly MinesProcedureRow[];
