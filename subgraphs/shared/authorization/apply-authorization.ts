import { defaultFieldResolver, isObjectType, Kind, type ConstDirectiveNode, type GraphQLField, type GraphQLSchema } from 'graphql';
import type { Principal } from '../../../auth/index.js';
import { forbiddenError, unauthenticatedError } from './access-errors.js';
import { isReceipt } from './receipts.js';
import { receiptOnlyScopes } from './requires-scopes.js';

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

/** An alternative that only a receipt-limited scope satisfies (`dossiers:write` alone). */
const receiptOnly = (all: readonly string[]) => all.length > 0 && all.every((scope) => receiptOnlyScopes.has(scope));

/**
 * Whether `principal` meets `requirement`; throws the typed error otherwise. An alternative made only of
 * receipt-limited scopes counts only when `receiptOnlyMeets()`: on a root field always (the write scope files), on
 * a field of an object only for the receipt of this request's own filing (`isReceipt`), nothing else.
 */
export function assertRequirement(principal: Principal, requirement: Requirement, receiptOnlyMeets: () => boolean): void {
  if (principal.role === 'anonymous') throw unauthenticatedError();
  if (requirement.kind === 'authenticated') return;
  const granted = new Set(principal.scopes);
  const met = requirement.alternatives.filter((all) => all.every((scope) => granted.has(scope)));
  if (met.length === 0 || (met.every(receiptOnly) && !receiptOnlyMeets())) throw forbiddenError();
}

/**
 * Enforces the `@authenticated` / `@requiresScopes` directives of the subgraph's own SDL on every field that
 * carries one (or whose type does), before its resolver runs: deny by default for anything declared, in the
 * subgraph itself, whatever path the request took (root field, list, `_entities`).
 */
export function applyAuthorization(schema: GraphQLSchema): GraphQLSchema {
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter((t) => t !== null && t !== undefined));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const root = roots.has(type);
    const typeRequirement = requirementOf(type.astNode?.directives);
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, { principal: Principal }>[]) {
      const requirement = requirementOf(field.astNode?.directives) ?? typeRequirement;
      if (!requirement) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        assertRequirement(context.principal, requirement, () => root || isReceipt(context, source));
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
