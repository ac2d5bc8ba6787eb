import type { Person, World } from '../../legacy/world/index.js';
import { connectedMinistriesInCatalogueOrder, findProcedure, ministryOfSystem, ProcedureCode, type DocumentKind, type LegacySystem } from '../../schema/index.js';
import { externalReferenceFor } from '../../subgraphs/shared/submissions/idempotency.js';
import type { Random } from './create-random.js';

/**
 * Every ministry system the soak files with — each connected ministry of the registry — in the order submissions take
 * turns (catalogue order: CEET, Urbanisme, RNEC, then the others in registry order).
 */
export const soakSystems: readonly LegacySystem[] = connectedMinistriesInCatalogueOrder.map((m) => m.system.code);
export type SoakSystem = LegacySystem;

/** One submission a soak client will make, and where it must end up. */
export interface PlannedSubmission {
  readonly index: number;
  readonly system: SoakSystem;
  readonly applicantNiu: string;
  /** The portal's trusted document (`clients/operations/`, or the ministry subgraph's `operations/`) and its root field. */
  readonly operation: string;
  readonly field: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly idempotencyKey: string;
  /** Guichet's reference for it (`GCH-CEET-…`): what the legacy system stores, and what the check counts. */
  readonly externalReference: string;
  /**
   * Supporting documents to upload (POST /documents) before filing, one file of each kind, then filed as
   * `input.documents`; absent: filed without documents.
   */
  readonly documents?: readonly DocumentKind[];
}

const communes = ['GOLFE1', 'GOLFE2', 'GOLFE3', 'AGOE1', 'TCHAOUDJO1', 'KOZAH1'] as const;
const quarters = ['Tokoin', 'Bè', 'Adidogomé', 'Nyékonakpoè', 'Agoè', 'Hédzranawoé'] as const;
const quarrySubstances = ['GRAVEL', 'SAND', 'GRANITE'] as const;
const projectKinds = ['SINGLE_HOUSE', 'BUILDING_R1', 'BUILDING_R2', 'COMMERCIAL', 'FENCE'] as const;

/** Living adults with a birth act: they may file for themselves and ask copies of their own birth act. */
export function soakCitizens(world: World, random: Random, count: number): readonly Person[] {
  const eligible = world.persons.filter((p) => p.deathDate === null && p.birthDate < '2000-01-01' && p.birthActNumber !== '');
  if (eligible.length < count) throw new Error(`the soak world has ${eligible.length} eligible citizens, fewer than the ${count} asked for`);
  return random.shuffle(eligible).slice(0, count);
}

/** What one submission files, for a citizen: the portal's document, its root field, a valid input, its reference. */
type Filing = Pick<PlannedSubmission, 'operation' | 'field' | 'input' | 'externalReference' | 'documents'>;
type PlanFiling = (person: Person, random: Random, idempotencyKey: string) => Filing;

/**
 * Varied, valid input for the ministries the soak knows in detail. A ministry without a line here files its first
 * procedure through the scaffold's document and input shape (`defaultFiling`).
 */
const filings: Readonly<Partial<Record<LegacySystem, PlanFiling>>> = {
  ceet: (person, random, idempotencyKey) => {
    const applianceCount = random.int(1, 40);
    const input = {
      applicantNiu: person.niu,
      meterType: random.next() < 0.8 ? 'SINGLE_PHASE' : 'THREE_PHASE',
      communeCode: random.pick(communes),
      quarter: random.pick(quarters),
      applianceCount,
    };
    return {
      operation: 'RequestElectricityConnection',
      field: 'requestElectricityConnection',
      input,
      externalReference: externalReferenceFor('CEET', ProcedureCode.ELECTRICITY_CONNECTION_LV, person.niu, idempotencyKey),
      // About half file with their papers, chosen from a value already drawn (an extra draw would move the whole plan).
      ...(applianceCount % 2 === 0 ? requiredDocuments(ProcedureCode.ELECTRICITY_CONNECTION_LV) : {}),
    };
  },
  urbanisme: (person, random, idempotencyKey) => {
    const input = {
      applicantNiu: person.niu,
      landTitle: `TF-${random.int(2000, 2025)}-${String(random.int(1, 999_999)).padStart(6, '0')}`,
      architectRegistration: `ONAT-${String(101 + random.int(0, 39) * 7).padStart(4, '0')}`,
      communeCode: random.pick(communes),
      quarter: random.pick(quarters),
      projectKind: random.pick(projectKinds),
      floorAreaM2: random.int(40, 900),
      levels: random.int(1, 4),
    };
    return {
      operation: 'ApplyForBuildingPermit',
      field: 'applyForBuildingPermit',
      input,
      externalReference: externalReferenceFor('URB', ProcedureCode.BUILDING_PERMIT, person.niu, idempotencyKey),
      // About half, as for CEET, from a value already drawn.
      ...(input.floorAreaM2 % 2 === 0 ? requiredDocuments(ProcedureCode.BUILDING_PERMIT) : {}),
    };
  },
  rnec: (person, random, idempotencyKey) => {
    const input = { applicantNiu: person.niu, actNumber: person.birthActNumber, copies: random.int(1, 5) };
    return {
      operation: 'RequestCivilActCopy',
      field: 'requestCivilActCopy',
      input,
      externalReference: externalReferenceFor('RNEC', ProcedureCode.BIRTH_ACT_COPY, person.niu, idempotencyKey),
      // About half, as for CEET, from a value already drawn (the act number is a field of the input, not a file).
      ...(input.copies % 2 === 0 ? requiredDocuments(ProcedureCode.BIRTH_ACT_COPY) : {}),
    };
  },
  mines: (person, random, idempotencyKey) => {
    // A quarry (a site: commune, locality, substance, area) or an electrical installer's approval (a person).
    const quarry = random.next() < 0.5;
    const procedureCode = quarry ? ProcedureCode.QUARRY_AUTHORIZATION : ProcedureCode.ELECTRICAL_INSTALLER_APPROVAL;
    const site = {
      companyName: `Carrières ${random.pick(quarters)} SARL`,
      communeCode: random.pick(communes),
      locality: random.pick(quarters),
      substance: random.pick(quarrySubstances),
      areaHectares: random.int(1, 40) / 2,
    };
    return {
      operation: 'SubmitEnergyMinesApplication',
      field: 'submitEnergyMinesApplication',
      input: { applicantNiu: person.niu, procedureCode, ...(quarry ? site : {}) },
      externalReference: externalReferenceFor('MEM', procedureCode, person.niu, idempotencyKey),
      // Quarries file with their papers, which SIGEM must then hold exactly once each (no random draw: the plan's other
      // choices are the same as before documents were added).
      ...(quarry ? requiredDocuments(procedureCode) : {}),
    };
  },
};

/** Every document the procedure requires, one of each kind: what a complete filing carries. */
function requiredDocuments(procedureCode: ProcedureCode): { readonly documents: readonly DocumentKind[] } {
  // A kind given as a field of the input (the act number) is never uploaded.
  const documents = (findProcedure(procedureCode)?.documents ?? []).filter((d) => d.givenAs === 'file').map((d) => d.kind);
  if (documents.length === 0) throw new Error(`the procedure ${procedureCode} requires no document`);
  return { documents };
}

/**
 * A scaffolded ministry's filing, from its registry row: `Submit<Type>` (the document new:ministry writes) with the
 * scaffold's input (applicant, procedure, the site's commune and locality) for its first procedure. Once the ministry
 * has real fields, give it a line in `filings`.
 */
function defaultFiling(system: LegacySystem): PlanFiling {
  const ministry = ministryOfSystem(system);
  const procedure = ministry?.procedures[0];
  if (!ministry || !procedure) throw new Error(`the ministry registry has no procedure for the system ${system}`);
  const type = ministry.subgraph.dossierType;
  return (person, random, idempotencyKey) => ({
    operation: `Submit${type}`,
    field: `submit${type}`,
    input: { applicantNiu: person.niu, procedureCode: procedure.code, communeCode: random.pick(communes), locality: random.pick(quarters) },
    externalReference: externalReferenceFor(ministry.system.referencePrefix, procedure.code, person.niu, idempotencyKey),
  });
}

/** `count` submissions, the systems in turn, each by a random citizen with valid, varied input. */
export function planSubmissions(citizens: readonly Person[], random: Random, count: number, seed: number): PlannedSubmission[] {
  const filingOf = new Map(soakSystems.map((system) => [system, filings[system] ?? defaultFiling(system)]));
  return Array.from({ length: count }, (_, index) => {
    const system = soakSystems[index % soakSystems.length] as SoakSystem;
    const person = random.pick(citizens);
    const idempotencyKey = `soak-${seed}-${index}`;
    const filing = filingOf.get(system) ?? defaultFiling(system);
    return { index, system, applicantNiu: person.niu, idempotencyKey, ...filing(person, random, idempotencyKey) };
  });
}

/** The portal's documents a plan sends, each once. */
export function operationsOf(plan: readonly PlannedSubmission[]): string[] {
  return [...new Set(plan.map((p) => p.operation))];
}
