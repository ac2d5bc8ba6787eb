/**
 * The seeded world, in neutral form (ISO dates, plain numbers). Each simulator shapes its slice into its own
 * legacy format (SOAP upper snake case, CEET camelCase with numeric codes, Urbanisme snake_case).
 */
export type Sex = 'M' | 'F';

export interface Person {
  readonly niu: string;
  readonly lastName: string;
  readonly firstNames: string;
  readonly sex: Sex;
  /** YYYY-MM-DD */
  readonly birthDate: string;
  readonly birthCommune: string;
  readonly birthActNumber: string;
  /** Commune and quarter of residence. */
  readonly residenceCommune: string;
  readonly residenceQuarter: string;
  readonly phone: string;
  marriageActNumber: string | null;
  spouseNiu: string | null;
  deathActNumber: string | null;
  deathDate: string | null;
}

export type ActKind = 'N' | 'M' | 'D';

export interface CivilAct {
  /** `N-GOLFE1-2019-004512` (N naissance, M mariage, D décès). */
  readonly number: string;
  readonly kind: ActKind;
  readonly commune: string;
  /** Date of the event, YYYY-MM-DD. */
  readonly date: string;
  /** NIUs of the persons the act is about (one for a birth or death, two for a marriage). */
  readonly persons: readonly string[];
}

export type CopyRequestStatus = 'RECUE' | 'EN_VERIFICATION' | 'SIGNEE' | 'DISPONIBLE' | 'REJETEE';
export type CeetStatusCode = 10 | 20 | 30 | 40 | 50 | 60 | 70 | 90;
export type PermitStage = 'DEPOT' | 'RECEVABILITE' | 'INSTRUCTION_TECHNIQUE' | 'AVIS_COMMISSION' | 'SIGNATURE' | 'DELIVRE' | 'REJETE' | 'PIECES_MANQUANTES';

export interface Step<S> {
  readonly status: S;
  /** ISO 8601 instant (UTC = Africa/Lome). */
  readonly at: string;
  readonly comment?: string;
}

export interface CopyRequest {
  /** RNEC's own number, `DC-2026-000777`. */
  readonly number: string;
  readonly niu: string;
  readonly actNumber: string;
  readonly copies: number;
  readonly externalReference: string | null;
  readonly history: Step<CopyRequestStatus>[];
  /** Commune whose registry office delivers the copies. */
  readonly deliveryCommune: string;
}

export interface ElectricityRequest {
  /** CEET's own number, `2026-000123`. */
  readonly numero: string;
  readonly niu: string;
  readonly externalReference: string | null;
  readonly meterType: 'MONO' | 'TRI';
  readonly commune: string;
  readonly quarter: string;
  /** Land title of the plot, when the request follows a building permit. */
  readonly landTitle: string | null;
  readonly applianceCount: number;
  readonly filingFeeFcfa: number;
  quoteAmountFcfa: number | null;
  readonly history: Step<CeetStatusCode>[];
}

export interface PermitApplication {
  /** Urbanisme's own number, `PC-2026-004321`. */
  readonly numero: string;
  readonly niu: string;
  readonly externalReference: string | null;
  readonly landTitle: string;
  readonly architectRegistration: string;
  readonly architectName: string;
  readonly commune: string;
  readonly quarter: string;
  readonly projectKind: 'MAISON_INDIVIDUELLE' | 'IMMEUBLE_R+1' | 'IMMEUBLE_R+2' | 'COMMERCE' | 'CLOTURE';
  readonly floorAreaM2: number;
  readonly levels: number;
  readonly history: Step<PermitStage>[];
  readonly missingDocuments: string[];
}

/** What a natural person holds for a company: its manager (gérant, directeur général) or a representative it declared. */
export type Mandate = 'MANAGER' | 'REPRESENTATIVE';

export interface CompanyRepresentative {
  readonly niu: string;
  readonly mandate: Mandate;
}

/** A company of the seeded world (legacy/world/companies.ts), known by its NIF and its RCCM number. */
export interface Company {
  /** 10 digits, the last a Luhn check digit (schema/company-identifiers.ts). */
  readonly nif: string;
  /** `TG-LOM-2019-B-01234`. */
  readonly rccm: string;
  /** Registered name (raison sociale). */
  readonly name: string;
  readonly legalForm: string;
  /** ISO date of its registration. */
  readonly registeredOn: string;
  readonly registryOffice: string;
  /** Its mandate holders, the manager first. */
  readonly representatives: readonly CompanyRepresentative[];
}

export interface World {
  readonly seed: number;
  readonly scale: number;
  /** The world's "today" (ISO date): nothing seeded happens after it. */
  readonly now: string;
  readonly persons: readonly Person[];
  readonly acts: readonly CivilAct[];
  readonly copyRequests: readonly CopyRequest[];
  readonly electricityRequests: readonly ElectricityRequest[];
  readonly permitApplications: readonly PermitApplication[];
}
