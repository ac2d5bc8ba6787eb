import { getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { isPublicOperation } from './public-operation.js';

const publicFields = new Set(['procedures', 'procedure']);
function isPublic(text: string): boolean {
  const document = parse(text);
  const operation = getOperationAST(document);
  if (!operation) throw new Error('no operation');
  return isPublicOperation(document, operation, publicFields);
}

describe('isPublicOperation', () => {
  it.each([
    ['query Procedures { procedures { code } }', true],
    ['{ procedure(code: "X") { title } __typename }', true],
    ['{ ... on Query { procedures { code } } }', true],
    ['{ ...Catalogue } fragment Catalogue on Query { procedures { code } }', true],
    ['{ procedures { code } dossier(reference: "CEET-1") { status } }', false],
    ['{ ...Mixed } fragment Mixed on Query { procedures { code } citizen(niu: "1") { niu } }', false],
    ['{ __schema { types { name } } }', false],
    ['{ __typename }', true],
    ['mutation { procedures }', false],
  ])('%s → %s', (text, expected) => expect(isPublic(text)).toBe(expected));
});
