import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { FieldError } from '../../schema/index.js';
import { variableFieldErrors } from './variable-field-errors.js';

const schema = buildSchema(`
  enum MeterType { SINGLE_PHASE THREE_PHASE }
  input Site { commune: String! quarter: String }
  input Application { meterType: MeterType! count: Int! ratio: Float note: String site: Site! tags: [String!] sites: [Site!] }
  type Query { ok: Boolean }
  type Mutation { apply(input: Application!, key: String!, page: Int = 1): Boolean }
`);
const operation = parse('mutation($input: Application!, $key: String!, $page: Int = 1) { apply(input: $input, key: $key, page: $page) }').definitions[0] as OperationDefinitionNode;
const errorsOf = (values: Record<string, unknown>) => variableFieldErrors(schema, operation.variableDefinitions ?? [], values);

const valid = { meterType: 'SINGLE_PHASE', count: 3, ratio: 1.5, note: 'ok', site: { commune: 'GOLFE1' }, tags: ['a'], sites: [{ commune: 'LOME' }] };

/** One value broken at a time: where, what kind, and a word of the French message. */
const cases: [string, Record<string, unknown>, Pick<FieldError, 'path' | 'code'>, RegExp][] = [
  ['an unknown enum value', { ...valid, meterType: 'TRIPLE' }, { path: ['input', 'meterType'], code: 'INVALID' }, /SINGLE_PHASE, THREE_PHASE/],
  ['a string for an Int', { ...valid, count: 'many' }, { path: ['input', 'count'], code: 'INVALID' }, /entier/],
  ['a fraction for an Int', { ...valid, count: 2.5 }, { path: ['input', 'count'], code: 'INVALID' }, /entier/],
  ['a string for a Float', { ...valid, ratio: 'x' }, { path: ['input', 'ratio'], code: 'INVALID' }, /nombre/],
  ['a number for a String', { ...valid, note: 12 }, { path: ['input', 'note'], code: 'INVALID' }, /texte/],
  ['a missing required field', { ...valid, count: undefined }, { path: ['input', 'count'], code: 'REQUIRED' }, /obligatoire/],
  ['null for a required field', { ...valid, meterType: null }, { path: ['input', 'meterType'], code: 'REQUIRED' }, /obligatoire/],
  ['a field the type lacks', { ...valid, colour: 'red' }, { path: ['input', 'colour'], code: 'UNKNOWN_FIELD' }, /n’existe pas/],
  ['a nested missing field', { ...valid, site: {} }, { path: ['input', 'site', 'commune'], code: 'REQUIRED' }, /obligatoire/],
  ['a scalar for an object', { ...valid, site: 'GOLFE1' }, { path: ['input', 'site'], code: 'INVALID' }, /objet/],
  ['a bad list item', { ...valid, tags: ['a', 7] }, { path: ['input', 'tags', 1], code: 'INVALID' }, /texte/],
  ['null in a list of non-null', { ...valid, tags: ['a', null] }, { path: ['input', 'tags', 1], code: 'REQUIRED' }, /obligatoire/],
  ['a bad field of a list item', { ...valid, sites: [{ commune: 'A' }, { commune: 3 }] }, { path: ['input', 'sites', 1, 'commune'], code: 'INVALID' }, /texte/],
];

describe('variableFieldErrors', () => {
  it('finds nothing in valid variables (a default stands in for a missing one)', () => {
    expect(errorsOf({ input: valid, key: 'k' })).toEqual([]);
  });

  it.each(cases)('%s: its path, its code, a French message', (_name, input, expected, message) => {
    const fields = errorsOf({ input, key: 'k' });
    expect(fields).toHaveLength(1);
    expect(fields[0]).toMatchObject(expected);
    expect(fields[0]!.message).toMatch(message);
    // User-facing: French, no graphql-js sentence.
    expect(fields[0]!.message).not.toMatch(/Expected|Variable|got invalid/);
  });

  it('reports every problem at once, across variables', () => {
    const fields = errorsOf({ input: { ...valid, meterType: 'X', count: 'y', site: {} } });
    expect(fields.map((f) => [f.path.join('.'), f.code])).toEqual([
      ['input.meterType', 'INVALID'],
      ['input.count', 'INVALID'],
      ['input.site.commune', 'REQUIRED'],
      ['key', 'REQUIRED'],
    ]);
  });

  it('names no enum value where the schema is not public', () => {
    const fields = variableFieldErrors(schema, operation.variableDefinitions ?? [], { input: { ...valid, meterType: 'TRIPLE' }, key: 'k' }, { revealSchema: false });
    expect(fields).toEqual([{ path: ['input', 'meterType'], code: 'INVALID', message: 'Valeur non reconnue.' }]);
  });

  it('a required variable not sent at all, or sent as null', () => {
    expect(errorsOf({ key: 'k' })).toEqual([{ path: ['input'], code: 'REQUIRED', message: 'Ce champ est obligatoire.' }]);
    expect(errorsOf({ input: null, key: 'k' })).toEqual([{ path: ['input'], code: 'REQUIRED', message: 'Ce champ est obligatoire.' }]);
  });
});
