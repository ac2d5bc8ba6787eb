import type { Person, World } from '../../legacy/world/index.js';
import { ProcedureCode } from '../../schema/index.js';
import { externalReferenceFor } from '../../subgraphs/shared/idempotency.js';
import type { Random } from './create-random.js';

/** Every ministry system the soak files with, in the order submissions take turns. */
export const soakSystems = ['ceet', 'urbanisme', 'rnec', 'mines'] as const;
export type SoakSystem = (typeof soakSystems)[number];

/** One submission a soak client will make, and where it must end up. */
export interface PlannedSubmission {
  readonly index: number;
  readonly system: SoakSystem;
  readonly applicantNiu: string;
  /** The operation in `clients/operations/` and its root field. */
  readonly operation: SoakOperation;
  readonly field: 'requestElectricityConnection' | 'applyForBuildingPermit' | 'requestCivilActCopy' | 'submitEnergyMinesApplication';
  readonly input: Readonly<Record<string, unknown>>;
  readonly idempotencyKey: string;
  /** Guichet's reference for it (`GCH-CEET-…`): what the legacy system stores, and what the check counts. */
  readonly externalReference: string;
}

/** The portal's submission documents the soak sends (clients/operations/<name>.graphql). */
export const soakOperations = ['RequestElectricityConnection', 'ApplyForBuildingPermit', 'RequestCivilActCopy', 'SubmitEnergyMinesApplication'] as const;
export type SoakOperation = (typeof soakOperations)[number];

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

/** `count` submissions, the systems in turn, each by a random citizen with valid, varied input. */
export function planSubmissions(citizens: readonly Person[], random: Random, count: number, seed: number): PlannedSubmission[] {
  return Array.from({ length: count }, (_, index) => {
    const system = soakSystems[index % soakSystems.length] as SoakSystem;
    const person = random.pick(citizens);
    const idempotencyKey = `soak-${seed}-${index}`;
    const base = { index, system, applicantNiu: person.niu, idempotencyKey };
    switch (system) {
      case 'ceet':
        return {
          ...base,
          operation: 'RequestElectricityConnection',
          field: 'requestElectricityConnection',
          input: { applicantNiu: person.niu, meterType: random.next() < 0.8 ? 'SINGLE_PHASE' : 'THREE_PHASE', communeCode: random.pick(communes), quarter: random.pick(quarters), applianceCount: random.int(1, 40) },
          externalReference: externalReferenceFor('CEET', ProcedureCode.ELECTRICITY_CONNECTION_LV, person.niu, idempotencyKey),
        };
      case 'urbanisme':
        return {
          ...base,
          operation: 'ApplyForBuildingPermit',
          field: 'applyForBuildingPermit',
          input: {
            applicantNiu: person.niu,
            landTitle: `TF-${random.int(2000, 2025)}-${String(random.int(1, 999_999)).padStart(6, '0')}`,
            architectRegistration: `ONAT-${String(101 + random.int(0, 39) * 7).padStart(4, '0')}`,
            communeCode: random.pick(communes),
            quarter: random.pick(quarters),
            projectKind: random.pick(projectKinds),
            floorAreaM2: random.int(40, 900),
            levels: random.int(1, 4),
          },
          externalReference: externalReferenceFor('URB', ProcedureCode.BUILDING_PERMIT, person.niu, idempotencyKey),
        };
      case 'rnec':
        return {
          ...base,
          operation: 'RequestCivilActCopy',
          field: 'requestCivilActCopy',
          input: { applicantNiu: person.niu, actNumber: person.birthActNumber, copies: random.int(1, 5) },
          externalReference: externalReferenceFor('RNEC', ProcedureCode.BIRTH_ACT_COPY, person.niu, idempotencyKey),
        };
      case 'mines': {
        // A quarry (a site: commune, locality, substance, area) or an electrical installer's approval (a person).
        const quarry = random.next() < 0.5;
        const procedureCode = quarry ? ProcedureCode.QUARRY_AUTHORIZATION : ProcedureCode.ELECTRICAL_INSTALLER_APPROVAL;
        const site = { companyName: `Carrières ${random.pick(quarters)} SARL`, communeCode: random.pick(communes), locality: random.pick(quarters), substance: random.pick(quarrySubstances), areaHectares: random.int(1, 40) / 2 };
        return {
          ...base,
          operation: 'SubmitEnergyMinesApplication',
          field: 'submitEnergyMinesApplication',
          input: { applicantNiu: person.niu, procedureCode, ...(quarry ? site : {}) },
          externalReference: externalReferenceFor('MEM', procedureCode, person.niu, idempotencyKey),
        };
      }
    }
  });
}
