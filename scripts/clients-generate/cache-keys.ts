import {
  getNamedType,
  isAbstractType,
  isLeafType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type ObjectTypeDefinitionNode,
  type StringValueNode,
} from 'graphql';

/** What a normalized client cache needs to know of the graph, read from the supergraph. */
export interface CacheKeys {
  /** Abstract type → its object types, sorted (Apollo's `possibleTypes`). */
  readonly possibleTypes: Readonly<Record<string, readonly string[]>>;
  /** Object type → the one field identifying it. */
  readonly keyFields: Readonly<Record<string, string>>;
  /** Root query field → the key argument it looks up by and the object types it may return (a cache redirect). */
  readonly lookups: Readonly<Record<string, { readonly argument: string; readonly typenames: readonly string[] }>>;
}

/** The first `@join__type(key: "…")` of each type in the supergraph that names one field: the federation entity key. */
function federationKeys(supergraphSdl: string): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const directive of (definition as ObjectTypeDefinitionNode).directives ?? []) {
      if (directive.name.value !== 'join__type') continue;
      const key = directive.arguments?.find((a) => a.name.value === 'key')?.value;
      if (key?.kind !== Kind.STRING) continue;
      const fields = (key as StringValueNode).value.trim();
      const list = keys.get(definition.name.value) ?? [];
      if (/^\w+$/.test(fields) && !list.includes(fields)) list.push(fields);
      keys.set(definition.name.value, list);
    }
  }
  return keys;
}

const isIdentity = (type: GraphQLObjectType, field: string) => {
  const definition = type.getFields()[field];
  return definition !== undefined && isNonNullType(definition.type) && isLeafType(definition.type.ofType);
};

/**
 * Each object type's identity, from the schema: its federation entity key (`@key(fields: "reference")`, the first
 * one clients can see: a hidden key such as `lookup` is skipped), else its one non-null `ID!` field (`CivilAct.number`).
 * A type with neither is stored inside its parent, as Apollo does by default.
 */
export function cacheKeysOf(supergraphSdl: string, apiSchema: GraphQLSchema): CacheKeys {
  const entityKeys = federationKeys(supergraphSdl);
  const types = Object.values(apiSchema.getTypeMap()).filter((t) => !t.name.startsWith('__'));
  const keyFields: Record<string, string> = {};
  for (const type of types.filter(isObjectType)) {
    if ([apiSchema.getQueryType(), apiSchema.getMutationType(), apiSchema.getSubscriptionType()].includes(type)) continue;
    const federation = (entityKeys.get(type.name) ?? []).find((field) => isIdentity(type, field));
    const ids = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && getNamedType(f.type).name === 'ID');
    const key = federation ?? (ids.length === 1 ? ids[0]!.name : undefined);
    if (key !== undefined) keyFields[type.name] = key;
  }
  const possibleTypes: Record<string, string[]> = {};
  for (const type of types.filter(isAbstractType))
    possibleTypes[type.name] = apiSchema
      .getPossibleTypes(type)
      .map((t) => t.name)
      .sort();
  const objectsOf = (type: GraphQLNamedType): string[] => (isObjectType(type) ? [type.name] : isAbstractType(type) ? (possibleTypes[type.name] ?? []) : []);
  const lookups: Record<string, { argument: string; typenames: string[] }> = {};
  for (const field of Object.values(apiSchema.getQueryType()?.getFields() ?? {})) {
    const typenames = objectsOf(getNamedType(field.type));
    const [argument] = field.args;
    const key = typenames.length > 0 ? keyFields[typenames[0]!] : undefined;
    // One argument, named as the key every possible type shares, on a field returning one object (not a list).
    if (field.args.length !== 1 || !argument || key === undefined || argument.name !== key || getNamedType(field.type) !== (isNonNullType(field.type) ? field.type.ofType : field.type)) continue;
    if (typenames.every((t) => keyFields[t] === key)) lookups[field.name] = { argument: key, typenames };
  }
  return { possibleTypes, keyFields, lookups };
}
