import { getNamedType, isAbstractType, isLeafType, isNonNullType, isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';

/** One step from an object to the next: `parent.field`, landing on the concrete type `type` (a fragment when abstract). */
export interface Hop {
  readonly parent: string;
  readonly field: string;
  /** The concrete object type reached. */
  readonly type: string;
  /** The field's declared type when it is an interface (the hop then selects `... on type`). */
  readonly through?: string;
}

/** A way from a root field to the leaves of one object type. */
export interface Path {
  readonly hops: readonly Hop[];
  /** Leaf fields of the last type that the query selects (scalars and enums with no required argument). */
  readonly leaves: readonly string[];
}

export const pathKey = (path: Path) => path.hops.map((h) => `${h.parent}.${h.field}${h.through ? `<${h.type}>` : ''}`).join(' → ');

/** The edge a path ends with: what a loader of the landing type is asked through. */
export const lastEdgeKey = (path: Path) => {
  const last = path.hops[path.hops.length - 1]!;
  return `${last.parent}.${last.field}→${last.type}`;
};

function concreteTypes(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>): { type: string; through?: string }[] {
  const named = getNamedType(field.type);
  if (isObjectType(named)) return [{ type: named.name }];
  if (isAbstractType(named)) return schema.getPossibleTypes(named).map((t) => ({ type: t.name, through: named.name }));
  return [];
}

const hasRequiredArgWithoutDefault = (field: GraphQLField<unknown, unknown>) => field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined);

function leavesOf(schema: GraphQLSchema, type: string): string[] {
  const object = schema.getType(type);
  if (!isObjectType(object)) return [];
  return Object.values(object.getFields())
    .filter((f) => isLeafType(getNamedType(f.type)) && !hasRequiredArgWithoutDefault(f))
    .map((f) => f.name);
}

/**
 * Every way from `Query` to each object type of the API schema, up to `maxDepth` hops, never entering a type twice
 * on one path (the applicant of a dossier is a Citizen, whose dossiers lead back: the first visit covers them).
 */
export function generatePaths(schema: GraphQLSchema, maxDepth = 4): Path[] {
  const paths: Path[] = [];
  const walk = (hops: Hop[]) => {
    const last = hops[hops.length - 1]!;
    paths.push({ hops, leaves: leavesOf(schema, last.type) });
    if (hops.length >= maxDepth) return;
    const object = schema.getType(last.type);
    if (!isObjectType(object)) return;
    const seen = new Set(hops.map((h) => h.type));
    for (const field of Object.values(object.getFields())) {
      for (const { type, through } of concreteTypes(schema, field)) {
        if (seen.has(type)) continue;
        walk([...hops, { parent: last.type, field: field.name, type, ...(through ? { through } : {}) }]);
      }
    }
  };
  const query = schema.getQueryType()!;
  for (const field of Object.values(query.getFields())) {
    for (const { type, through } of concreteTypes(schema, field)) walk([{ parent: query.name, field: field.name, type, ...(through ? { through } : {}) }]);
  }
  return paths;
}

/** Arguments of a hop as GraphQL literals (`niu: "123…"`), or throws naming the argument nobody knows how to fill. */
export type ArgumentsOf = (hop: Hop, field: GraphQLField<unknown, unknown>) => string;

/** The document for a path: nested selections down to the leaves, each abstract hop through an inline fragment. */
export function documentOf(schema: GraphQLSchema, path: Path, operationName: string, argumentsOf: ArgumentsOf): string {
  // `__typename` at every level tells the nodes of the fragment's type from the others in a list of an interface.
  let selection = ['__typename', ...path.leaves].join(' ');
  for (let i = path.hops.length - 1; i >= 0; i -= 1) {
    const hop = path.hops[i]!;
    const parent = schema.getType(hop.parent);
    if (!isObjectType(parent)) throw new Error(`${hop.parent} is not an object type`);
    const args = argumentsOf(hop, parent.getFields()[hop.field]!);
    const inner = hop.through ? `__typename ... on ${hop.type} { ${selection} }` : selection;
    selection = `${hop.field}${args ? `(${args})` : ''} { ${inner} }`;
  }
  return `query ${operationName} { ${selection} }`;
}
