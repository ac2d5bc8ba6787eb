import { Kind, type ASTVisitor, type EnumTypeDefinitionNode, type FieldDefinitionNode, type InputValueDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { AcceptedChange } from './accepted-changes.js';
import { checkCompatibility } from './check-compatibility.js';
import { formatReport } from './format-report.js';
import { argumentsEdit, committedSupergraph, editSupergraph, fieldEdit, inputValue, nonNull, removeField } from './testing/edit-supergraph.js';

const baseline = committedSupergraph();
const check = (edits: readonly ASTVisitor[], accepted: readonly AcceptedChange[] = []) =>
  checkCompatibility({ baselineSupergraphSdl: baseline, candidateSupergraphSdl: edits.reduce(editSupergraph, baseline), accepted });
const format = (report: Awaited<ReturnType<typeof checkCompatibility>>) =>
  formatReport(report, { baselineLabel: 'schema/supergraph.graphql', acceptedLabel: 'schema/accepted-changes.json', today: '2026-11-23' });
const kinds = (changes: readonly { type: string; path: string }[]) => changes.map((c) => `${c.type} ${c.path}`);
const accept = (type: string, path: string): AcceptedChange => ({ type, path, reason: 'Aucun client publié ne lit ce champ.', date: '2026-11-23' });

const deprecate =
  (reason: string) =>
  (node: FieldDefinitionNode): FieldDefinitionNode => ({
    ...node,
    directives: [
      ...(node.directives ?? []),
      {
        kind: Kind.DIRECTIVE,
        name: { kind: Kind.NAME, value: 'deprecated' },
        arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'reason' }, value: { kind: Kind.STRING, value: reason } }],
      },
    ],
  });
const addEnumValue = (enumName: string, value: string): ASTVisitor => ({
  EnumTypeDefinition: (node: EnumTypeDefinitionNode) =>
    node.name.value === enumName
      ? { ...node, values: [...(node.values ?? []), { kind: Kind.ENUM_VALUE_DEFINITION, name: { kind: Kind.NAME, value }, directives: node.values?.[0]?.directives ?? [] }] }
      : undefined,
});
const addField = (typeName: string, field: string, type: string): ASTVisitor => ({
  ObjectTypeDefinition: (node) =>
    node.name.value === typeName
      ? { ...node, fields: [...(node.fields ?? []), { kind: Kind.FIELD_DEFINITION, name: { kind: Kind.NAME, value: field }, type: inputValue(field, type).type }] }
      : undefined,
});

describe('schema:check compatibility (the committed supergraph against a deliberately edited copy)', () => {
  it('finds nothing to say when the code composes to the committed supergraph', async () => {
    const report = await check([]);
    expect(report.changes).toEqual([]);
    expect(report.upToDate).toBe(true);
    expect(format(report)).toMatchObject({ failed: false });
  });

  it('fails on each breaking change, naming its kind and path', async () => {
    const report = await check([
      removeField('PageInfo', 'endCursor'),
      removeField('DossierStatus', 'QUEUED'),
      argumentsEdit('Citizen', 'dossiers', (args) => args.map((a) => (a.name.value === 'status' ? { ...a, type: nonNull(a.type) } : a))),
      argumentsEdit('Query', 'procedure', (args) => [...args, inputValue('langue', 'String!')]),
      fieldEdit<InputValueDefinitionNode>('ElectricityConnectionInput', 'landTitle', (node) => ({ ...node, type: nonNull(node.type) })),
      fieldEdit<FieldDefinitionNode>('Procedure', 'feeFcfa', (node) => ({ ...node, name: { kind: Kind.NAME, value: 'feeXof' } })),
    ]);
    expect(kinds(report.refused)).toEqual([
      'FIELD_ARGUMENT_TYPE_CHANGED Citizen.dossiers.status',
      'ENUM_VALUE_REMOVED DossierStatus.QUEUED',
      'INPUT_FIELD_TYPE_CHANGED ElectricityConnectionInput.landTitle',
      'FIELD_REMOVED PageInfo.endCursor',
      'FIELD_REMOVED Procedure.feeFcfa',
      'FIELD_ARGUMENT_ADDED Query.procedure.langue',
    ]);
    const { text, failed } = format(report);
    expect(failed).toBe(true);
    expect(text).toContain('BREAKING, not accepted (6)');
    expect(text).toContain("x FIELD_REMOVED PageInfo.endCursor\n      Field 'endCursor' was removed from object type 'PageInfo'");
    expect(text).toContain('{"path":"DossierStatus.QUEUED","type":"ENUM_VALUE_REMOVED","reason":');
    expect(text).toContain('schema:check FAILED: 6 breaking change(s) not accepted, 1 committed file(s) out of date');
  });

  it('follows inspector on nullability: an output made nullable breaks clients, an output made non-null does not', async () => {
    const loosened = await check([fieldEdit<FieldDefinitionNode>('PageInfo', 'hasNextPage', (node) => ({ ...node, type: node.type.kind === Kind.NON_NULL_TYPE ? node.type.type : node.type }))]);
    expect(kinds(loosened.refused)).toEqual(['FIELD_TYPE_CHANGED PageInfo.hasNextPage']);
    const tightened = await check([fieldEdit<FieldDefinitionNode>('PageInfo', 'endCursor', (node) => ({ ...node, type: nonNull(node.type) }))]);
    expect(tightened.refused).toEqual([]);
    expect(kinds(tightened.changes)).toEqual(['FIELD_TYPE_CHANGED PageInfo.endCursor']);
  });

  it('passes an accepted breaking change, and reports an entry matching nothing as stale', async () => {
    const stale = accept('FIELD_REMOVED', 'Citizen.sex');
    const report = await check([removeField('PageInfo', 'endCursor')], [accept('FIELD_REMOVED', 'PageInfo.endCursor'), stale]);
    expect(report.refused).toEqual([]);
    expect(report.accepted.map((a) => a.entry.path)).toEqual(['PageInfo.endCursor']);
    expect(report.staleEntries).toEqual([stale]);
    const { text } = format(report);
    expect(text).toContain('BREAKING, accepted (1)');
    expect(text).toContain('STALE accepted entries');
    expect(text).toContain('? FIELD_REMOVED Citizen.sex');
    // Accepted, but the committed supergraph must still be regenerated.
    expect(text).toContain('schema:check FAILED: 1 committed file(s) out of date');
  });

  it('an accepted entry must name the same kind of change: accepting a removal does not accept a type change', async () => {
    const report = await check(
      [fieldEdit<FieldDefinitionNode>('PageInfo', 'hasNextPage', (node) => ({ ...node, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'String' } } }))],
      [accept('FIELD_REMOVED', 'PageInfo.hasNextPage')],
    );
    expect(kinds(report.refused)).toEqual(['FIELD_TYPE_CHANGED PageInfo.hasNextPage']);
  });

  it('lets purely additive changes through, warning about the dangerous ones; only regenerating is asked', async () => {
    const report = await check([
      addField('Procedure', 'onlineSince', 'Date'),
      addEnumValue('DossierStatus', 'WITHDRAWN'),
      argumentsEdit('Query', 'procedures', (args) => [...args, inputValue('ministry', 'MinistryCode')]),
    ]);
    expect(report.refused).toEqual([]);
    expect(kinds(report.dangerous)).toEqual(['ENUM_VALUE_ADDED DossierStatus.WITHDRAWN', 'FIELD_ARGUMENT_ADDED Query.procedures.ministry']);
    const { text, failed } = format(report);
    expect(text).toContain('DANGEROUS (warning) (2)');
    expect(text).toContain('- FIELD_ADDED Procedure.onlineSince');
    expect(text).not.toContain('BREAKING,');
    expect(failed).toBe(true);
    expect(text).toContain('schema/supergraph.graphql is not what the code composes to: run `npm run compose` and commit it');
  });

  it('treats a deprecation as non-breaking, and the removal of a deprecated field as breaking', async () => {
    const deprecated = [fieldEdit<FieldDefinitionNode>('Procedure', 'title', deprecate('Utiliser name.'))];
    const report = await check(deprecated);
    expect(report.refused).toEqual([]);
    expect(report.changes.map((c) => [c.type, c.level])).toEqual([['FIELD_DEPRECATION_ADDED', 'NON_BREAKING']]);
    const removal = await checkCompatibility({
      baselineSupergraphSdl: deprecated.reduce(editSupergraph, baseline),
      candidateSupergraphSdl: editSupergraph(baseline, removeField('Procedure', 'title')),
      accepted: [],
    });
    expect(removal.refused.map((c) => c.message)).toEqual(["Field 'title' (deprecated) was removed from object type 'Procedure'"]);
  });

  it('compares API schemas: @inaccessible elements are not the contract', async () => {
    // lookup is on the Dossier interface too: removed everywhere, the supergraph stays valid.
    const dossierTypes = ['Dossier', 'BuildingPermitApplication', 'CivilActCopyRequest', 'ElectricityConnectionRequest', 'EnergyMinesApplication'];
    const report = await check(dossierTypes.map((type) => removeField(type, 'lookup')));
    expect(report.changes).toEqual([]);
    expect(report.upToDate).toBe(false);
  });
});
