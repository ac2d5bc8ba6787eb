import { defaultFieldResolver, isObjectType, Kind, type ConstDirectiveNode, type GraphQLField, type GraphQLSchema } from 'graphql';
import type { Principal } from '../../../auth/index.js';
import { forbiddenError, unauthenticatedError } from './access-errors.js';

/** What a field demands of the caller, read from its SDL directives (or its type's). */
type Requirement = { kind: 'authenticated' } | { kind: 'scopes'; alternatives: string[][] };

function requirementOf(directives: readonly ConstDirectiveNode[] | undefined): Requirement | undefined {
  for (const directive of directives ?? []) {
    if (directive.name.value === 'authenticated') return { kind: 'authenticated' };
    if (directive.name.value === 'requiresScopes') {
      const arg = directive.arguments?.find((a) => a.name.value === 'scopes')?.value;
      if (arg?.kind !== Kind.LIST) continue;
      const alternatives = arg.values.map((all) => (all.kind === Kind.LIST ? all.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : [])) : []));
      return { kind: 'scopes', alternatives };
    }
  }
  return undefined;
}

/** Whether `principal` meets `requirement`; throws the typed error otherwise. */
export function assertRequirement(principal: Principal, requirement: Requirement): void {
  if (principal.role === 'anonymous') throw unauthenticatedError();
  if (requirement.kind === 'authenticated') return;
  const granted = new Set(principal.scopes);
  if (!requirement.alternatives.some((all) => all.every((scope) => granted.has(scope)))) throw forbiddenError();
}

/**
 * Enforces the `@authenticated` / `@requiresScopes` directives of the subgraph's own SDL on every field that
 * carries one (or whose type does), before its resolver runs: deny by default for anything declared, in the
 * subgraph itself, whatever path the request took (root field, list, `_entities`).
 */
export function applyAuthorization(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const typeRequirement = requirementOf(type.astNode?.directives);
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, { principal: Principal }>[]) {
      const requirement = requirementOf(field.astNode?.directives) ?? typeRequirement;
      if (!requirement) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        assertRequirement(context.principal, requirement);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
