import { defaultFieldResolver, isObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';

/** `public`: anyone's answer is the same (the catalogue). `identity`: one caller's, and it rarely changes. */
export type CacheClass = 'public' | 'identity';

/** What a subgraph declares cacheable; anything not named keeps Apollo's default, `maxAge` 0 (`no-store`). */
export interface CacheHintRules {
  /** `Type.field` → class, for fields returning objects (root fields, object lists); scalar fields below inherit. */
  readonly fields?: Readonly<Record<string, CacheClass>>;
  /** Entity type → class, for `_entities`: a fetch is cacheable only if every representation's type is listed. */
  readonly entities?: Readonly<Record<string, CacheClass>>;
}

export interface CacheMaxAges {
  readonly publicMaxAgeS: number;
  readonly identityMaxAgeS: number;
}

interface CacheHint {
  readonly maxAge?: number;
  readonly scope?: 'PUBLIC' | 'PRIVATE';
}

/** The part of Apollo Server's `info.cacheControl` used here (set by its cache-control plugin on every field). */
interface ResolveInfoCacheControl {
  readonly cacheHint: { restrict(hint: CacheHint): void };
  setCacheHint(hint: CacheHint): void;
}

function cacheControlOf(info: GraphQLResolveInfo): ResolveInfoCacheControl | undefined {
  const control: unknown = Reflect.get(info, 'cacheControl');
  const usable = typeof control === 'object' && control !== null && typeof Reflect.get(control, 'setCacheHint') === 'function' && typeof Reflect.get(control, 'cacheHint') === 'object';
  return usable ? (control as ResolveInfoCacheControl) : undefined;
}

/**
 * Apollo cache hints from a table, applied to the built schema so that the max-ages come from the environment and
 * the SDL (hence the supergraph) stays the same whatever they are. Apollo's cache-control plugin then computes the
 * response's policy (the most restrictive of its fields) and its `Cache-Control` header; a response with errors is
 * `no-store`. `_entities` is deny-by-default: each representation restricts the fetch to its type's class, an
 * unlisted type to `maxAge` 0, so a batch mixing a citizen and a dossier is not cacheable.
 */
export function applyCacheHints(schema: GraphQLSchema, rules: CacheHintRules, maxAges: CacheMaxAges): GraphQLSchema {
  const hintOf = (cacheClass: CacheClass): CacheHint => (cacheClass === 'public' ? { maxAge: maxAges.publicMaxAgeS, scope: 'PUBLIC' } : { maxAge: maxAges.identityMaxAgeS, scope: 'PRIVATE' });

  for (const [coordinate, cacheClass] of Object.entries(rules.fields ?? {})) {
    const [typeName = '', fieldName = ''] = coordinate.split('.');
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    // A typo would silently leave a field uncached (or a renamed one cached): refuse to start instead.
    if (!field) throw new Error(`cache hint for unknown field ${coordinate}`);
    const resolve = field.resolve ?? defaultFieldResolver;
    const hint = hintOf(cacheClass);
    field.resolve = (source, args, context, info) => {
      cacheControlOf(info)?.setCacheHint(hint);
      return resolve(source, args, context, info);
    };
  }

  const entityClasses = new Map(Object.entries(rules.entities ?? {}));
  for (const typeName of entityClasses.keys()) if (!isObjectType(schema.getType(typeName))) throw new Error(`cache hint for unknown entity ${typeName}`);
  const entities = schema.getQueryType()?.getFields()._entities;
  if (entities) {
    const resolve = entities.resolve ?? defaultFieldResolver;
    entities.resolve = (source, args: Record<string, unknown>, context, info) => {
      const control = cacheControlOf(info);
      const representations: unknown[] = Array.isArray(args.representations) ? args.representations : [];
      for (const representation of representations) {
        const typeName: unknown = typeof representation === 'object' && representation !== null ? Reflect.get(representation, '__typename') : undefined;
        const cacheClass = typeof typeName === 'string' ? entityClasses.get(typeName) : undefined;
        control?.cacheHint.restrict(cacheClass ? hintOf(cacheClass) : { maxAge: 0 });
      }
      return resolve(source, args, context, info);
    };
  }
  return schema;
}
