import { Kind, parse, type ConstDirectiveNode, type TypeNode } from 'graphql';

/** Directives by which the SDL restricts who may read something (Federation's access-control directives). */
const accessDirectives = new Set(['requiresScopes', 'authenticated', 'policy']);

const restricts = (directives: readonly ConstDirectiveNode[] | undefined) => (directives ?? []).some((d) => accessDirectives.has(d.name.value));

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

interface TypeShape {
  readonly restricted: boolean;
  /** Fields: whether each is restricted, and the type it returns. */
  readonly fields: readonly { readonly name: string; readonly restricted: boolean; readonly type: string }[];
  /** Union members and interface implementations: what a selection on the type may reach. */
  readonly possible: readonly string[];
}

/**
 * Root query fields that anyone may read in full: neither the field nor anything reachable from it carries an access
 * directive in the supergraph (`procedures`, `procedure` today). Their answers are the same for every caller, hence
 * publicly cacheable. Derived from the SDL, so adding `@requiresScopes` anywhere under the catalogue makes it private
 * without touching the gateway.
 */
export function publicRootFieldsOf(supergraphSdl: string): string[] {
  const shapes = new Map<string, TypeShape>();
  const implementations = new Map<string, string[]>();
  for (const definition of parse(supergraphSdl).definitions) {
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_DEFINITION:
        for (const i of definition.interfaces ?? []) implementations.set(i.name.value, [...(implementations.get(i.name.value) ?? []), definition.name.value]);
        shapes.set(definition.name.value, {
          restricted: restricts(definition.directives),
          fields: (definition.fields ?? []).map((f) => ({ name: f.name.value, restricted: restricts(f.directives), type: namedType(f.type) })),
          possible: [],
        });
        break;
      case Kind.UNION_TYPE_DEFINITION:
        shapes.set(definition.name.value, { restricted: restricts(definition.directives), fields: [], possible: (definition.types ?? []).map((t) => t.name.value) });
        break;
      default:
        break;
    }
  }
  const open = (typeName: string, seen: Set<string>): boolean => {
    const shape = shapes.get(typeName);
    if (!shape || seen.has(typeName)) return true; // scalars, enums, or already being checked
    seen.add(typeName);
    if (shape.restricted) return false;
    const reachable = [...shape.possible, ...(implementations.get(typeName) ?? [])];
    return shape.fields.every((f) => !f.restricted && open(f.type, seen)) && reachable.every((t) => open(t, seen));
  };
  const rootFields = shapes.get('Query')?.fields ?? [];
  return rootFields.filter((field) => !field.restricted && open(field.type, new Set())).map((field) => field.name);
}
