import { isTypeDefinitionNode, Kind, parse, type ConstDirectiveNode, type ConstValueNode, type FieldDefinitionNode, type InputValueDefinitionNode } from 'graphql';

/** What the supergraph says beyond the API schema: which subgraph owns what, and who may read it. */
export interface SupergraphAnnotations {
  /** Subgraphs defining the type (`@join__type`), by type name. */
  readonly typeOwners: ReadonlyMap<string, readonly string[]>;
  /** Subgraphs resolving the field (`@join__field`, external ones excluded), by `Type.field`. */
  readonly fieldOwners: ReadonlyMap<string, readonly string[]>;
  /** `@requiresScopes` alternatives (any one of them, each a set of scopes all required), by `Type` or `Type.field`. */
  readonly scopes: ReadonlyMap<string, readonly (readonly string[])[]>;
  /** Types or fields marked `@authenticated`, by `Type` or `Type.field`. */
  readonly authenticated: ReadonlySet<string>;
}

const argument = (directive: ConstDirectiveNode, name: string): ConstValueNode | undefined => directive.arguments?.find((a) => a.name.value === name)?.value;

function stringsOf(value: ConstValueNode | undefined): string[] {
  if (!value) return [];
  if (value.kind === Kind.STRING || value.kind === Kind.ENUM) return [value.value];
  if (value.kind === Kind.LIST) return value.values.flatMap(stringsOf);
  return [];
}

function scopesOf(directives: readonly ConstDirectiveNode[]): string[][] | undefined {
  const directive = directives.find((d) => d.name.value === 'requiresScopes');
  const value = directive && argument(directive, 'scopes');
  if (!value || value.kind !== Kind.LIST) return undefined;
  return value.values.map(stringsOf);
}

/** Reads ownership and access rules off the supergraph's federation directives (the API schema drops them). */
export function supergraphAnnotations(supergraphSdl: string): SupergraphAnnotations {
  const document = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  const typeOwners = new Map<string, string[]>();
  const fieldOwners = new Map<string, string[]>();
  const scopes = new Map<string, string[][]>();
  const authenticated = new Set<string>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
      for (const value of definition.values ?? []) {
        const graph = value.directives?.find((d) => d.name.value === 'join__graph');
        const name = graph && argument(graph, 'name');
        if (name?.kind === Kind.STRING) graphNames.set(value.name.value, name.value);
      }
    }
  }
  const graphOf = (directive: ConstDirectiveNode) => {
    const value = argument(directive, 'graph');
    return value?.kind === Kind.ENUM ? (graphNames.get(value.value) ?? value.value) : undefined;
  };
  const annotate = (coordinate: string, directives: readonly ConstDirectiveNode[] = []) => {
    const required = scopesOf(directives);
    if (required) scopes.set(coordinate, required);
    if (directives.some((d) => d.name.value === 'authenticated')) authenticated.add(coordinate);
  };
  for (const definition of document.definitions) {
    if (!isTypeDefinitionNode(definition)) continue;
    const typeName = definition.name.value;
    const owners = (definition.directives ?? []).filter((d) => d.name.value === 'join__type').flatMap((d) => graphOf(d) ?? []);
    if (owners.length === 0) continue;
    typeOwners.set(typeName, [...new Set(owners)].sort());
    annotate(typeName, definition.directives);
    const fields: readonly (FieldDefinitionNode | InputValueDefinitionNode)[] = 'fields' in definition && definition.fields ? definition.fields : [];
    for (const field of fields) {
      const coordinate = `${typeName}.${field.name.value}`;
      const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
      const resolving = joins
        .filter((d) => {
          const external = argument(d, 'external');
          return !(external?.kind === Kind.BOOLEAN && external.value);
        })
        .flatMap((d) => graphOf(d) ?? []);
      fieldOwners.set(coordinate, joins.length === 0 ? (typeOwners.get(typeName) ?? []) : [...new Set(resolving)].sort());
      annotate(coordinate, field.directives);
    }
  }
  return { typeOwners, fieldOwners, scopes, authenticated };
}
