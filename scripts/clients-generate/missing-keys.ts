import { getNamedType, isAbstractType, Kind, parse, TypeInfo, visit, visitWithTypeInfo, type FragmentDefinitionNode, type GraphQLSchema, type SelectionSetNode } from 'graphql';

/**
 * Every selection of a keyed type that leaves its key out, as `Operation: field (Type) lacks key` lines. Apollo
 * Client's normalized cache refuses to write such an object (it cannot tell which entity it is), so a shipped
 * operation must select the key wherever it reads a keyed type.
 */
export function missingKeySelections(operations: readonly { readonly name: string; readonly body: string }[], schema: GraphQLSchema, keyFields: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  for (const { name, body } of operations) {
    const document = parse(body);
    const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
    const selected = (set: SelectionSetNode, into = new Set<string>()): Set<string> => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) into.add(selection.name.value);
        else if (selection.kind === Kind.INLINE_FRAGMENT) selected(selection.selectionSet, into);
        else {
          const fragment = fragments.get(selection.name.value);
          if (fragment) selected(fragment.selectionSet, into);
        }
      }
      return into;
    };
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const type = typeInfo.getType();
          if (!node.selectionSet || !type) return;
          const named = getNamedType(type);
          const objects = isAbstractType(named) ? schema.getPossibleTypes(named).map((t) => t.name) : [named.name];
          const fields = selected(node.selectionSet);
          for (const key of new Set(objects.flatMap((t) => (keyFields[t] === undefined ? [] : [keyFields[t]!])))) {
            if (!fields.has(key)) problems.push(`${name}: ${node.alias?.value ?? node.name.value} (${named.name}) does not select its key ${key}`);
          }
        },
      }),
    );
  }
  return problems;
}
