import type { ApplicantKind } from './applicant-kinds.js';
import type { HandlingBodyCode } from './handling-bodies.js';
import { minesProcedureRows, type RequiredDocumentRow } from './mines-procedures.js';

/**
 * The ministry registry: one row per ministry, the one place a ministry is declared. Every per-ministry list of the
 * house (ministry codes and names, reference prefixes, legacy systems, the subgraph list, the dossier stubs, the
 * supervision feeds and labels, the stack's processes, the bench and the soak) is derived from these rows, so adding
 * a ministry is a row here plus its own folders (`npm run new:ministry` writes both).
 *
 * A ministry without a `system` is in the catalogue only (its procedures are listed; nothing is filed online yet).
 * French for what people read; ports are the embedded defaults (each service's PORT overrides its own). Fees and
 * delays of procedures without a simulated system are illustrative.
 */
export const ministries = [
  {
    code: 'CIVIL_REGISTRY',
    name: 'Ministère de l’Administration territoriale — État civil (RNEC)',
    shortName: 'État civil',
    enumDescription: 'État civil (RNEC).',
    system: {
      code: 'rnec',
      title: "RNEC — Registre national de l'état civil",
      roomLabel: { short: 'RNEC', long: 'RNEC (état civil)' },
      referencePrefix: 'RNEC',
      legacyPort: 4201,
      /** The variable its adapter reads the address from, set by `npm start` to the SOAP endpoint the simulator logs. */
      urlEnv: 'RNEC_URL',
      urlFrom: 'endpoint',
      feedOperations: ['ListerDemandesModifiees', 'v2.demandesModifiees'],
    },
    subgraph: { name: 'civil-registry', port: 4101, dossierType: 'CivilActCopyRequest', citizenListField: 'civilActCopyRequests' },
    procedures: [
      {
        key: 'BIRTH_ACT_COPY',
        code: 'RNEC-COPIE-NAISSANCE',
        title: 'Demande de copie d’acte de naissance',
        description: 'Copie intégrale ou extrait d’un acte de naissance enregistré au registre national de l’état civil.',
        documents: [{ kind: 'ACT_REFERENCE', detail: 'Numéro de l’acte de naissance' }, 'IDENTITY_DOCUMENT'],
        feeFcfa: 500,
        legalDelayDays: 3,
        body: 'DGEC',
        applicants: ['CITIZEN'],
      },
      {
        key: 'MARRIAGE_ACT_COPY',
        code: 'RNEC-COPIE-MARIAGE',
        title: 'Demande de copie d’acte de mariage',
        description: 'Copie d’un acte de mariage enregistré au registre national de l’état civil.',
        documents: [{ kind: 'ACT_REFERENCE', detail: 'Numéro de l’acte de mariage' }, 'IDENTITY_DOCUMENT'],
        feeFcfa: 500,
        legalDelayDays: 3,
        body: 'DGEC',
        applicants: ['CITIZEN'],
      },
      {
        key: 'DEATH_ACT_COPY',
        code: 'RNEC-COPIE-DECES',
        title: 'Demande de copie d’acte de décès',
        description: 'Copie d’un acte de décès enregistré au registre national de l’état civil.',
        documents: [{ kind: 'ACT_REFERENCE', detail: 'Numéro de l’acte de décès' }, 'IDENTITY_DOCUMENT'],
        feeFcfa: 500,
        legalDelayDays: 3,
        body: 'DGEC',
        applicants: ['CITIZEN'],
      },
    ],
  },
  {
    code: 'ENERGY',
    name: 'Ministère des Mines et de l’Énergie — CEET',
    shortName: 'Énergie (CEET)',
    enumDescription: 'Mines et Énergie (CEET).',
    system: {
      code: 'ceet',
      title: 'CEET — Compagnie Énergie Électrique du Togo',
      roomLabel: { short: 'CEET', long: 'CEET (électricité)' },
      referencePrefix: 'CEET',
      legacyPort: 4202,
      urlEnv: 'CEET_URL',
      urlFrom: 'origin',
      feedOperations: ['demandesModifiees'],
    },
    subgraph: { name: 'electricity', port: 4102, dossierType: 'ElectricityConnectionRequest', citizenListField: 'electricityRequests' },
    procedures: [
      {
        key: 'ELECTRICITY_CONNECTION_LV',
        code: 'CEET-RACCORDEMENT-BT',
        title: 'Demande de raccordement au réseau électrique basse tension',
        description: 'Branchement d’un logement au réseau de la CEET : visite du site, devis, pose du compteur après paiement, contrôle de conformité puis mise en service.',
        documents: ['IDENTITY_DOCUMENT', 'SITE_PLAN', 'LOCATION_PLAN', { kind: 'EQUIPMENT_LIST', detail: 'Liste des appareils électriques (pour le calibrage du compteur)' }],
        feeFcfa: 1_500,
        legalDelayDays: 45,
        body: 'CEET',
        applicants: ['CITIZEN'],
      },
    ],
  },
  {
    code: 'URBAN_PLANNING',
    name: 'Ministère de l’Urbanisme, de l’Habitat et de la Réforme foncière',
    shortName: 'Urbanisme',
    enumDescription: 'Urbanisme, Habitat et Réforme foncière.',
    system: {
      code: 'urbanisme',
      title: "Urbanisme — Direction générale de l'urbanisme",
      roomLabel: { short: 'Urbanisme', long: 'Urbanisme (permis)' },
      referencePrefix: 'URB',
      legacyPort: 4203,
      urlEnv: 'URBANISME_URL',
      urlFrom: 'origin',
      feedOperations: ['changements'],
    },
    subgraph: { name: 'building-permits', port: 4103, dossierType: 'BuildingPermitApplication', citizenListField: 'buildingPermitApplications' },
    procedures: [
      {
        key: 'BUILDING_PERMIT',
        code: 'URB-PERMIS-CONSTRUIRE',
        title: 'Demande de permis de construire',
        description: 'Autorisation de construire déposée par un architecte inscrit à l’Ordre : recevabilité, instruction technique, avis de la commission, signature.',
        documents: ['LAND_TITLE', 'ARCHITECT_PLANS', 'IDENTITY_DOCUMENT', 'WORKS_ESTIMATE'],
        feeFcfa: 25_000,
        legalDelayDays: 30,
        body: 'DGUH',
        applicants: ['CITIZEN'],
      },
    ],
  },
  {
    code: 'SECURITY',
    name: 'Ministère de la Sécurité et de la Protection civile',
    shortName: 'Sécurité',
    enumDescription: 'Sécurité et Protection civile.',
    procedures: [
      {
        key: 'ORDINARY_PASSPORT',
        code: 'DGDN-PASSEPORT-ORDINAIRE',
        title: 'Demande de passeport ordinaire',
        description: 'Délivrance d’un passeport ordinaire biométrique ; enrôlement sur rendez-vous.',
        requiredDocuments: ['Acte de naissance', 'Certificat de nationalité', 'Carte nationale d’identité', 'Photo d’identité'],
        feeFcfa: 25_000,
        legalDelayDays: 15,
      },
      {
        key: 'RESIDENCE_CARD',
        code: 'DGDN-CARTE-SEJOUR',
        title: 'Demande de carte de séjour',
        description: 'Titre de séjour pour les ressortissants étrangers résidant au Togo.',
        requiredDocuments: ['Passeport en cours de validité', 'Justificatif de domicile', 'Photo d’identité'],
        feeFcfa: 30_000,
        legalDelayDays: 30,
      },
    ],
  },
  {
    code: 'JUSTICE',
    name: 'Ministère de la Justice et de la Législation',
    shortName: 'Justice',
    enumDescription: 'Justice et Législation.',
    procedures: [
      {
        key: 'CRIMINAL_RECORD_3',
        code: 'JUS-CASIER-B3',
        title: 'Demande de bulletin n°3 du casier judiciaire',
        description: 'Extrait du casier judiciaire délivré à la personne concernée, validé sous 72 heures.',
        requiredDocuments: ['Acte de naissance', 'Pièce d’identité'],
        feeFcfa: 500,
        legalDelayDays: 3,
      },
      {
        key: 'NATIONALITY_CERTIFICATE_DUPLICATE',
        code: 'JUS-CNT-DUPLICATA',
        title: 'Demande de duplicata du certificat de nationalité',
        description: 'Duplicata d’un certificat de nationalité togolaise déjà délivré.',
        requiredDocuments: ['Copie ou référence du certificat initial', 'Pièce d’identité'],
        feeFcfa: 3_000,
        legalDelayDays: 7,
      },
    ],
  },
  {
    code: 'MINES',
    name: 'Ministère des Mines et de l’Énergie — Directions générales des mines et de l’énergie',
    shortName: 'Mines et Énergie (titres)',
    enumDescription: 'Mines et Énergie (titres).',
    system: {
      code: 'mines',
      title: 'SIGEM — Titres miniers et autorisations énergétiques',
      roomLabel: { short: 'Mines', long: 'Mines (Mines et Énergie (titres))' },
      referencePrefix: 'MEM',
      legacyPort: 4204,
      urlEnv: 'MINES_URL',
      urlFrom: 'origin',
      feedOperations: ['mouvements'],
    },
    subgraph: { name: 'energy-mines', port: 4106, dossierType: 'EnergyMinesApplication', citizenListField: 'energyMinesApplications' },
    // The 29 procedures of the ministry and of the bodies under it: one table that SIGEM's simulator and adapter read too.
    procedures: minesProcedureRows,
  },
  // new-ministry:registry
] as const satisfies readonly MinistryRow[];

/** One ministry of the registry. */
export interface MinistryRow {
  /** `MinistryCode`: what agents' scope `agent:<CODE>` names. */
  readonly code: string;
  /** French: full name (catalogue). */
  readonly name: string;
  /** French: short name (supervision room). */
  readonly shortName: string;
  /** French: the `MinistryCode` enum value's description. */
  readonly enumDescription: string;
  /** Its legacy system, when it has one Guichet talks to. */
  readonly system?: {
    /** `LegacySystem`: folders legacy/<code> and adapters/<code>, env prefix `<CODE>_`. */
    readonly code: string;
    /** French: the system's name in the supervision room. */
    readonly title: string;
    readonly roomLabel: { readonly short: string; readonly long: string };
    /** Graph references `<PREFIX>-AAAA-NNNNNN`. */
    readonly referencePrefix: string;
    readonly legacyPort: number;
    readonly urlEnv: string;
    /** What `npm start` sets `urlEnv` to: the simulator's origin (REST) or the endpoint it logs (SOAP). */
    readonly urlFrom: 'origin' | 'endpoint';
    /** The change-feed operations its simulator counts (background polls, never a citizen's request). */
    readonly feedOperations: readonly string[];
  };
  /** Its subgraph: folder subgraphs/<name>, the dossier type it owns and the citizen's list of them. */
  readonly subgraph?: { readonly name: string; readonly port: number; readonly dossierType: string; readonly citizenListField: string };
  /** Its procedures (démarches), in catalogue order: `schema/procedures.ts` derives `ProcedureCode` and the catalogue. */
  readonly procedures: readonly ProcedureRow[];
}

/** One procedure of a ministry's row. */
export type ProcedureRow = ProcedureRowCommon &
  (
    | { /** Documents as free text: rows not yet typed. */ readonly requiredDocuments: readonly string[] }
    | { /** Documents as kinds (`schema/document-kinds.ts`), each with this procedure's own wording if it has one. */ readonly documents: readonly RequiredDocumentRow[] }
  );

interface ProcedureRowCommon {
  /** Its key in `ProcedureCode` (`ProcedureCode.BUILDING_PERMIT`), UPPER_SNAKE_CASE. */
  readonly key: string;
  /** Its code in the graph (`URB-PERMIS-CONSTRUIRE`): the system's reference prefix first, by convention. */
  readonly code: string;
  /** French: what the citizen asks for. */
  readonly title: string;
  readonly description: string;
  /** Filing fee in FCFA; 0 when free. */
  readonly feeFcfa: number;
  /** The delay the law gives the ministry; the supervision room measures dossiers against it. */
  readonly legalDelayDays: number;
  /** The body that processes it (`schema/handling-bodies.ts`), when the ministry has several. */
  readonly body?: HandlingBodyCode;
  /** Who may file it; citizens only when absent. */
  readonly applicants?: readonly ApplicantKind[];
}

export type Ministry = (typeof ministries)[number];
/** A ministry that has a legacy system and a subgraph. */
export type ConnectedMinistry = Extract<Ministry, { readonly system: object }>;

export const connectedMinistries: readonly ConnectedMinistry[] = ministries.filter((m): m is ConnectedMinistry => 'system' in m);

/**
 * Where the order is public — the catalogue (`procedures`), the reference shapes of error messages and the unified
 * dossier view (`Citizen.dossiers`' `@requires` selection, so the supergraph) — ministries come in the order they were
 * first connected: CEET and Urbanisme before the civil registry, unlike the rows above (the `MinistryCode` enum's
 * order). Frozen: every row not named here follows in registry order, so a new ministry comes last without a line here.
 */
const connectedFirst: readonly Ministry['code'][] = ['ENERGY', 'URBAN_PLANNING'];

/** The rows in catalogue order (see `connectedFirst`). */
export const ministriesInCatalogueOrder: readonly Ministry[] = [
  ...connectedFirst.flatMap((code) => ministries.filter((m) => m.code === code)),
  ...ministries.filter((m) => !connectedFirst.includes(m.code)),
];

/** The connected rows in catalogue order. */
export const connectedMinistriesInCatalogueOrder: readonly ConnectedMinistry[] = ministriesInCatalogueOrder.filter((m): m is ConnectedMinistry => 'system' in m);

/** The registry row of a legacy system (`ceet`). */
export function ministryOfSystem(system: string): ConnectedMinistry | undefined {
  return connectedMinistries.find((m) => m.system.code === system);
}

/** The registry row of a ministry subgraph (`electricity`). */
export function ministryOfSubgraph(name: string): ConnectedMinistry | undefined {
  return connectedMinistries.find((m) => m.subgraph.name === name);
}
