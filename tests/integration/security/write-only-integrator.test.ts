import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { filingDocuments, filingInputs, filingMutationNames } from '../../support/filing-inputs.js';
import { testApiSchema } from '../../support/api-schema.js';
import { gql } from '../../support/graphql-client.js';
import { integratorToken } from '../../support/tokens.js';
import { testWorld } from '../../support/world.js';

/**
 * Defect 7 of the trust issue: an integrator allowed to file (`dossiers:write`) but not to read gets the receipt of
 * what it filed — the dossier the mutation returns, reference first — and nothing more: no other dossier, no
 * applicant identity. Every filing mutation of the schema, through the portal's own trusted document.
 */
const mutations = filingMutationNames(testApiSchema());
const documents = filingDocuments();
const applicants = testWorld()
  .persons.filter((p) => p.deathDate === null && p.birthDate < '1995-01-01')
  .slice(120, 120 + mutations.length);

function leaves(value: unknown, path = ''): string[] {
  if (value === null || typeof value !== 'object') return [path];
  return Object.entries(value).flatMap(([key, inner]) => leaves(inner, path ? `${path}.${key}` : key));
}

describe('a write-only integrator', () => {
  it('has an input and a trusted document for every filing mutation of the schema', () => {
    expect(mutations.length).toBeGreaterThan(0);
    expect(mutations.filter((m) => !filingInputs[m] || !documents.get(m))).toEqual([]);
  });

  it.each(mutations.map((field, i) => ({ field, applicant: applicants[i]! })))('files with $field and gets the whole receipt', async ({ field, applicant }) => {
    const token = await integratorToken('dossiers:write');
    const { text } = documents.get(field)!;
    const filed = await gql<Record<string, Record<string, unknown>>>(text, { input: filingInputs[field]!(applicant), idempotencyKey: `write-only-${randomUUID()}` }, { token });
    expect(filed.errors).toBeUndefined();
    const receipt = filed.data![field]!;
    expect(receipt.reference).toEqual(expect.any(String));
    expect(receipt.status).toEqual(expect.any(String));
    // Every field the portal's document selects arrived (null only where the schema says "not yet": nextAction…).
    expect(leaves(receipt).length).toBeGreaterThan(5);

    // A receipt, not a read grant: the same dossier read afterwards, and the applicant's identity, stay closed.
    const later = await gql(`query($r: ID!) { dossier(reference: $r) { reference } }`, { r: receipt.reference }, { token });
    expect(later.data?.dossier ?? null).toBeNull();
    expect(later.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const identity = await gql<Record<string, { reference: string; applicant: { firstName: string | null } | null }>>(
      text.replace(/reference status/, 'reference status applicant { firstName }'),
      { input: filingInputs[field]!(applicant), idempotencyKey: `write-only-${randomUUID()}` },
      { token },
    );
    expect(identity.data?.[field]?.reference).toEqual(expect.any(String));
    expect(identity.data?.[field]?.applicant?.firstName ?? null).toBeNull();
    expect(identity.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});
