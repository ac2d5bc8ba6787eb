import { isInputObjectType, isInterfaceType, isListType, isNonNullType, isObjectType, type GraphQLInputType, type GraphQLSchema } from 'graphql';

/**
 * The deepest `variables` a valid operation on `schema` can need, counted as exceedsJsonDepth counts (the variables
 * object is 1, each input object or list one more); undefined when an input type contains itself (no bound). What
 * LIMIT_MAX_VARIABLES_DEPTH must allow, or some valid operation could never be sent.
 */
export function deepestVariables(schema: GraphQLSchema): number | undefined {
  const known = new Map<string, number>();
  const visiting = new Set<string>();
  let unbounded = false;
  // Input types nest a few levels in practice: recursion over the schema (not client input) is safe here.
  const depthOf = (type: GraphQLInputType): number => {
    if (isNonNullType(type)) return depthOf(type.ofType);
    if (isListType(type)) return 1 + depthOf(type.ofType);
    if (!isInputObjectType(type)) return 0;
    const cached = known.get(type.name);
    if (cached !== undefined) return cached;
    if (visiting.has(type.name)) {
      unbounded = true;
      return 0;
    }
    visiting.add(type.name);
    const depth = 1 + Math.max(0, ...Object.values(type.getFields()).map((field) => depthOf(field.type)));
    visiting.delete(type.name);
    known.set(type.name, depth);
    return depth;
  };
  let deepest = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields())) for (const arg of field.args) deepest = Math.max(deepest, depthOf(arg.type));
  }
  for (const directive of schema.getDirectives()) for (const arg of directive.args) deepest = Math.max(deepest, depthOf(arg.type));
  return unbounded ? undefined : 1 + deepest;
}
