import { diff } from '@graphql-inspector/core';
import type { GraphQLSchema } from 'graphql';
import type { SchemaChange } from './schema-change.js';

/**
 * Every difference between two client-facing (API) schemas, with inspector's criticality, sorted by path then kind
 * so that reports and tests are stable. Inspector reports a deprecation twice more as a directive usage; those echoes
 * say nothing the `*_DEPRECATION_*` change does not, so they are dropped.
 */
export async function diffApiSchemas(baseline: GraphQLSchema, candidate: GraphQLSchema): Promise<SchemaChange[]> {
  const changes = await diff(baseline, candidate);
  return changes
    .filter((change) => !(change.type.startsWith('DIRECTIVE_USAGE_') && (change.path ?? '').includes('.@deprecated')))
    .map((change) => ({
      type: change.type,
      path: change.path ?? '(schema)',
      level: change.criticality.level,
      message: change.message,
      ...(change.criticality.reason === undefined ? {} : { reason: change.criticality.reason }),
    }))
    .sort((a, b) => (a.path === b.path ? compare(a.type, b.type) : compare(a.path, b.path)));
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
