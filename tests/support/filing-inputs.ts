import { Kind, OperationTypeNode, parse, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { Person } from '../../legacy/world/index.js';
import { ProcedureCode } from '../../schema/index.js';
import { readShippedOperations } from '../../scripts/trusted-documents/index.js';

/**
 * A valid input for every filing mutation of the graph, for a given applicant: one row per `Mutation` field. A test
 * that walks the schema's mutations fails on a mutation without a row here, so a new way of filing is never left out.
 */
export const filingInputs: Readonly<Record<string, (applicant: Person) => Record<string, unknown>>> = {
  requestElectricityConnection: (a) => ({ applicantNiu: a.niu, meterType: 'SINGLE_PHASE', communeCode: 'GOLFE1', quarter: 'Bè', applianceCount: 4 }),
  applyForBuildingPermit: (a) => ({
    applicantNiu: a.niu,
    landTitle: 'TF-2021-123456',
    architectRegistration: 'ONAT-0101',
    communeCode: 'GOLFE1',
    quarter: 'Bè',
    projectKind: 'FENCE',
    floorAreaM2: 0,
    levels: 1,
  }),
  requestCivilActCopy: (a) => ({ applicantNiu: a.niu, actNumber: a.birthActNumber, copies: 1 }),
  submitEnergyMinesApplication: (a) => ({ applicantNiu: a.niu, procedureCode: ProcedureCode.ELECTRICAL_INSTALLER_APPROVAL }),
};

/**
 * The portal's trusted submission documents (clients/operations, and each ministry subgraph's operations/ folder), by
 * the mutation field each one calls.
 */
export function filingDocuments(): ReadonlyMap<string, { readonly name: string; readonly text: string }> {
  const found = new Map<string, { name: string; text: string }>();
  for (const { file, text } of readShippedOperations()) {
    const operation = parse(text).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (operation?.operation !== OperationTypeNode.MUTATION) continue;
    const field = operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
    if (field?.kind === Kind.FIELD) found.set(field.name.value, { name: operation.name?.value ?? file, text });
  }
  return found;
}

/**
 * The filing mutations of a schema: those taking an `idempotencyKey` (every filing is idempotent by key); the others
 * (an integrator's webhooks) are not filings, and have their own tests.
 */
export function filingMutationNames(schema: GraphQLSchema): string[] {
  return Object.values(schema.getMutationType()?.getFields() ?? {})
    .filter((field) => field.args.some((arg) => arg.name === 'idempotencyKey'))
    .map((field) => field.name)
    .sort();
}
