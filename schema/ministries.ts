/**
 * The ministry registry: one row per ministry, the one place a ministry is declared. Every per-ministry list of the
 * house (ministry codes and names, reference prefixes, legacy systems, the subgraph list, the dossier stubs, the
 * supervision feeds and labels, the stack's processes, the bench and the soak) is derived from these rows, so adding
 * a ministry is a row here plus its own folders (`npm run new:ministry` writes both).
 *
 * A ministry without a `system` is in the catalogue only (its procedures are listed; nothing is filed online yet).
 * French for what people read; ports are the embedded defaults (each service's PORT overrides its own).
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
  },
  {
    code: 'SECURITY',
    name: 'Ministère de la Sécurité et de la Protection civile',
    shortName: 'Sécurité',
    enumDescription: 'Sécurité et Protection civile.',
  },
  {
    code: 'JUSTICE',
    name: 'Ministère de la Justice et de la Législation',
    shortName: 'Justice',
    enumDescription: 'Justice et Législation.',
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
}

export type Ministry = (typeof ministries)[number];
/** A ministry that has a legacy system and a subgraph. */
export type ConnectedMinistry = Extract<Ministry, { readonly system: object }>;

export const connectedMinistries: readonly ConnectedMinistry[] = ministries.filter((m): m is ConnectedMinistry => 'system' in m);

/** The registry row of a legacy system (`ceet`). */
export function ministryOfSystem(system: string): ConnectedMinistry | undefined {
  return connectedMinistries.find((m) => m.system.code === system);
}

/** The registry row of a ministry subgraph (`electricity`). */
export function ministryOfSubgraph(name: string): ConnectedMinistry | undefined {
  return connectedMinistries.find((m) => m.subgraph.name === name);
}
