import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { supergraphPath } from './package-paths.js';
import { publicRootFieldsOf } from './public-root-fields.js';

const sdl = (body: string) => `directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT\ndirective @authenticated on FIELD_DEFINITION | OBJECT\n${body}`;

describe('publicRootFieldsOf', () => {
  it('finds the catalogue, and only it, in the committed supergraph', () => {
    expect(publicRootFieldsOf(readFileSync(supergraphPath(), 'utf8')).sort()).toEqual(['procedure', 'procedures']);
  });

  it('excludes a root field that is restricted, or that reaches anything restricted', () => {
    const fields = publicRootFieldsOf(
      sdl(`
        type Query { open: A  closed: A @requiresScopes(scopes: [["agent"]])  leaks: B  viaUnion: U  viaInterface: I  cyclic: C }
        type A { x: String }
        type B { a: A secret: String @authenticated }
        union U = A | S
        type S @requiresScopes(scopes: [["agent"]]) { y: String }
        interface I { z: String }
        type Impl implements I { z: String hidden: String @authenticated }
        type C { next: C value: Int }
      `),
    );
    expect(fields).toEqual(['open', 'cyclic']);
  });
});
