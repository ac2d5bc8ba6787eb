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
        requiredDocuments: ['Numéro de l’acte de naissance', 'Pièce d’identité du demandeur'],
        feeFcfa: 500,
        legalDelayDays: 3,
      },
      {
        key: 'MARRIAGE_ACT_COPY',
        code: 'RNEC-COPIE-MARIAGE',
        title: 'Demande de copie d’acte de mariage',
        description: 'Copie d’un acte de mariage enregistré au registre national de l’état civil.',
        requiredDocuments: ['Numéro de l’acte de mariage', 'Pièce d’identité du demandeur'],
        feeFcfa: 500,
        legalDelayDays: 3,
      },
      {
        key: 'DEATH_ACT_COPY',
        code: 'RNEC-COPIE-DECES',
        title: 'Demande de copie d’acte de décès',
        description: 'Copie d’un acte de décès enregistré au registre national de l’état civil.',
        requiredDocuments: ['Numéro de l’acte de décès', 'Pièce d’identité du demandeur'],
        feeFcfa: 500,
        legalDelayDays: 3,
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
        requiredDocuments: ['Pièce d’identité du demandeur', 'Plan de situation', 'Plan de localisation', 'Liste des appareils électriques (pour le calibrage du compteur)'],
        feeFcfa: 1_500,
        legalDelayDays: 45,
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
        requiredDocuments: ['Titre foncier du terrain', 'Plans du projet signés par un architecte inscrit à l’Ordre', 'Pièce d’identité du demandeur', 'Devis descriptif des travaux'],
        feeFcfa: 25_000,
        legalDelayDays: 30,
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
    procedures: [
      // Mines et Énergie (SIGEM): fees are the filing fees the ministry collects online; the fixed duties of a title
      // (droits fixes) and the surface royalties are paid once it is granted (state PAIE).
      {
        key: 'MINING_EXPLORATION_PERMIT',
        code: 'MEM-PERMIS-RECHERCHE',
        title: 'Demande de permis de recherche minière',
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
        key: 'ARTISANAL_MINING_AUTHORIZATION',
        code: 'MEM-EXPLOITATION-ARTISANALE',
        title: 'Demande d’autorisation d’exploitation minière artisanale',
        description: 'Autorisation d’exploiter à petite échelle (orpaillage, pierres) sur un site de quelques hectares, délivrée à une personne ou à une coopérative après visite de terrain.',
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
        key: 'QUARRY_AUTHORIZATION',
        code: 'MEM-CARRIERE',
        title: 'Demande d’autorisation d’ouverture et d’exploitation de carrière',
        description: 'Autorisation d’extraire des matériaux de construction (sable, gravier, granite, calcaire) sur un terrain donné, avec plan de réhabilitation du site.',
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
        key: 'PETROLEUM_DEPOT_APPROVAL',
        code: 'MEM-DEPOT-PETROLIER',
        title: 'Demande d’agrément de dépôt de produits pétroliers',
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
        key: 'ELECTRICAL_INSTALLER_APPROVAL',
        code: 'MEM-AGREMENT-ELECTRICIEN',
        title: 'Demande d’agrément d’installateur électricien',
        description: 'Agrément permettant de réaliser des installations électriques intérieures en basse tension dont la conformité conditionne le raccordement au réseau de la CEET.',
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
    ],
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
export interface ProcedureRow {
  /** Its key in `ProcedureCode` (`ProcedureCode.BUILDING_PERMIT`), UPPER_SNAKE_CASE. */
  readonly key: string;
  /** Its code in the graph (`URB-PERMIS-CONSTRUIRE`): the system's reference prefix first, by convention. */
  readonly code: string;
  /** French: what the citizen asks for. */
  readonly title: string;
  readonly description: string;
  readonly requiredDocuments: readonly string[];
  readonly feeFcfa: number;
  /** The delay the law gives the ministry; the supervision room measures dossiers against it. */
  readonly legalDelayDays: number;
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
