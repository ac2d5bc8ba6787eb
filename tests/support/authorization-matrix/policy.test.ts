import { describe, expect, it } from 'vitest';
import { testApiSchema } from '../api-schema.js';
import { generatePaths, lastEdgeKey, pathKey } from './paths.js';
import { authorizationMatrix, typesReachedFrom, unclassifiedFields } from './policy.js';

describe('the authorization matrix', () => {
  it('has a row for every field of every object type of the API schema', () => {
    expect(unclassifiedFields(testApiSchema())).toEqual([]);
  });

  it('has no row for a type the schema no longer has', () => {
    expect(Object.keys(authorizationMatrix).filter((type) => !testApiSchema().getType(type))).toEqual([]);
  });

  it('reaches every object type of the schema from Query', () => {
    const paths = generatePaths(testApiSchema());
    const reached = new Set(paths.map((p) => p.hops[p.hops.length - 1]!.type));
    const schema = testApiSchema();
    const fromQuery = typesReachedFrom(schema.getQueryType());
    const objects = Object.keys(authorizationMatrix).filter((t) => t !== 'Query' && fromQuery.has(t));
    expect(objects.filter((t) => !reached.has(t))).toEqual([]);
    // The rest are what a mutation answers and no query reads (a webhook's secret, shown once): their readers are
    // whoever may call the mutation, tested with it (filings here, tests/integration/webhooks for webhooks).
    const fromMutation = typesReachedFrom(schema.getMutationType());
    expect(Object.keys(authorizationMatrix).filter((t) => t !== 'Query' && !fromQuery.has(t) && !fromMutation.has(t))).toEqual([]);
    // Every object field is an edge of some path, and paths stay few enough to try with every caller.
    expect(new Set(paths.map(lastEdgeKey)).size).toBeGreaterThan(40);
    expect(new Set(paths.map(pathKey)).size).toBe(paths.length);
  });
});
