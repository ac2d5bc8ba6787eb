import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { generateWorld } from '../../legacy/world/index.js';
import { connectedMinistries, findProcedure, ProcedureCode } from '../../schema/index.js';
import { readShippedOperation } from '../trusted-documents/index.js';
import { createRandom } from './create-random.js';
import { operationsOf, planSubmissions, soakCitizens, soakSystems } from './plan-submissions.js';

const world = generateWorld({ seed: 20_261_123, scale: 0.01, now: '2026-11-01' });
const plan = planSubmissions(soakCitizens(world, createRandom(1), 20), createRandom(2), 16, 1);

describe('planSubmissions', () => {
  it('files with every connected ministry of the registry, in turn: CEET, Urbanisme, RNEC, then the others', () => {
    expect([...soakSystems].sort()).toEqual(connectedMinistries.map((m) => m.system.code).sort());
    expect(plan.slice(0, 4).map((p) => p.system)).toEqual(['ceet', 'urbanisme', 'rnec', 'mines']);
    expect(new Set(plan.map((p) => p.system))).toEqual(new Set(soakSystems));
  });

  it('sends each ministry’s shipped document, whose root field is the one the verdict reads', () => {
    for (const name of operationsOf(plan)) {
      const operation = parse(readShippedOperation(name)).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      const field = operation?.selectionSet.selections[0];
      expect(field?.kind === Kind.FIELD ? field.name.value : undefined, name).toBe(plan.find((p) => p.operation === name)?.field);
    }
  });

  it('gives part of the CEET, Urbanisme and RNEC filings every file their procedure requires (never a kind given as a field), and the others none', () => {
    const big = planSubmissions(soakCitizens(world, createRandom(1), 20), createRandom(2), 80, 1);
    const required = (code: ProcedureCode) => (findProcedure(code)?.documents ?? []).filter((d) => d.givenAs === 'file').map((d) => d.kind);
    const cases = [
      { system: 'ceet', code: ProcedureCode.ELECTRICITY_CONNECTION_LV },
      { system: 'urbanisme', code: ProcedureCode.BUILDING_PERMIT },
      { system: 'rnec', code: ProcedureCode.BIRTH_ACT_COPY },
    ] as const;
    for (const { system, code } of cases) {
      const filings = big.filter((p) => p.system === system);
      const withDocuments = filings.filter((p) => p.documents !== undefined);
      expect(withDocuments.length, system).toBeGreaterThan(0);
      expect(withDocuments.length, system).toBeLessThan(filings.length);
      for (const p of withDocuments) expect(p.documents, system).toEqual(required(code));
    }
    // The act number is asked as a field of the copy request, never uploaded.
    expect(big.some((p) => p.documents?.includes('ACT_REFERENCE'))).toBe(false);
  });
});
