import { Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * True when the operation is a query selecting only public root fields (publicRootFieldsOf) (through inline fragments and fragment
 * spreads; `__typename` is free): its response carries no personal data and does not depend on the caller.
 */
export function isPublicOperation(document: DocumentNode, operation: OperationDefinitionNode, publicRootFields: ReadonlySet<string>): boolean {
  if (operation.operation !== 'query') return false;
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [])));
  const seen = new Set<string>();
  const onlyPublic = (selectionSet: SelectionSetNode): boolean =>
    selectionSet.selections.every((selection) => {
      switch (selection.kind) {
        case Kind.FIELD:
          return selection.name.value === '__typename' || publicRootFields.has(selection.name.value);
        case Kind.INLINE_FRAGMENT:
          return onlyPublic(selection.selectionSet);
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (seen.has(name)) return true;
          seen.add(name);
          return fragment !== undefined && onlyPublic(fragment);
        }
      }
    });
  return operation.selectionSet.selections.length > 0 && onlyPublic(operation.selectionSet);
}
