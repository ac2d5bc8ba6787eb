import { buildASTSchema, isNonNullType, isObjectType, Kind, parse, type DocumentNode, type GraphQLSchema, type SelectionSetNode } from 'graphql';

/** Per entity type, the fields that may be null: what an unreachable subgraph can answer without lying. */
export type NullableFields = ReadonlyMap<string, ReadonlySet<string>>;

export function nullableFieldsOf(supergraphSdl: string): NullableFields {
  const schema: GraphQLSchema = buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
  const out = new Map<string, Set<string>>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    out.set(
      type.name,
      new Set(
        Object.values(type.getFields())
          .filter((f) => !isNonNullType(f.type))
          .map((f) => f.name),
      ),
    );
  }
  return out;
}

/**
 * When a subgraph cannot be reached for an `_entities` fetch, the answer the rest of the plan can still use: for
 * each representation, its type with every requested field `null` when all of them may be null (a citizen's
 * ministry list), else `null` for the whole entity. With the list present as `null`, the gateway still hands the
 * citizen to the `dossiers` subgraph, which answers with the other ministries and `incomplete: true`.
 */
export function nullEntities(query: string, representations: readonly unknown[], nullable: NullableFields): { _entities: (Record<string, null | string> | null)[] } | undefined {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return undefined;
  }
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const entities = operation?.kind === Kind.OPERATION_DEFINITION ? operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD && s.name.value === '_entities') : undefined;
  if (!entities || entities.kind !== Kind.FIELD || !entities.selectionSet) return undefined;
  const fieldsByType = requestedFields(entities.selectionSet);
  return {
    _entities: representations.map((representation) => {
      const typename = (representation as { __typename?: unknown } | null)?.__typename;
      if (typeof typename !== 'string') return null;
      const fields = fieldsByType.get(typename) ?? [];
      const allowed = nullable.get(typename);
      if (fields.length === 0 || !allowed || !fields.every(({ name }) => allowed.has(name))) return null;
      return Object.fromEntries([['__typename', typename], ...fields.map(({ key }) => [key, null] as const)]);
    }),
  };
}

function requestedFields(selectionSet: SelectionSetNode): Map<string, { name: string; key: string }[]> {
  const out = new Map<string, { name: string; key: string }[]>();
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.INLINE_FRAGMENT || !selection.typeCondition) continue;
    const fields = selection.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD && s.name.value !== '__typename' ? [{ name: s.name.value, key: s.alias?.value ?? s.name.value }] : []));
    out.set(selection.typeCondition.name.value, [...(out.get(selection.typeCondition.name.value) ?? []), ...fields]);
  }
  return out;
}
