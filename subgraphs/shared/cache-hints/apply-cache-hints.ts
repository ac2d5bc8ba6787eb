import { defaultFieldResolver, isObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';

/**
 * `public`: anyone's answer is the same (the catalogue). `identity`: one caller's, and it rarely changes. `feed`: one
 * caller's dossiers, which change only when the ministry's change feed says so — kept by the gateway only while the
 * feed reads prove its owners' dossiers unchanged (see feedProofOf), never served stale. `listing`: a citizen's list
 * of dossiers as `feed`, but carrying seals that open only in its own request (docs/architecture.md "Sealed
 * listings"): never kept alone, only as part of a whole response kept for its caller on the same proof. `derived`:
 * computed only from what the gateway hands over (a `@requires` selection: the ministries' listings) and the caller,
 * so as cacheable as those inputs, which carry their own hints and proofs — and bound to its request like them.
 */
export type CacheClass = 'public' | 'identity' | 'feed' | 'listing' | 'derived';

/** What a subgraph declares cacheable; anything not named keeps Apollo's default, `maxAge` 0 (`no-store`). */
export interface CacheHintRules {
  /** `Type.field` → class, for fields returning objects (root fields, object lists); scalar fields below inherit. */
  readonly fields?: Readonly<Record<string, CacheClass>>;
  /** Entity type → class, for `_entities`: a fetch is cacheable only if every representation's type is listed. */
  readonly entities?: Readonly<Record<string, CacheClass>>;
  /**
   * A representation whose answer belongs to its own request whatever its type (a sealed listing: it opens only for
   * the request that read the list): the fetch that carries it is not cacheable.
   */
  readonly requestBound?: (representation: object) => boolean;
}

export interface CacheMaxAges {
  readonly publicMaxAgeS: number;
  readonly identityMaxAgeS: number;
  /** The longest the gateway keeps a `feed` answer even while the feeds prove it (0 = the class is off). */
  readonly feedMaxAgeS: number;
}

/** What a request's `feed` answers rest on: the citizens whose dossiers they list (besides its access report's). */
export interface FeedProof {
  readonly owners: Set<string>;
  /** Some of it is of class `feed` or `listing` (the owners above, and the access report's, say whose). */
  restsOnFeed: boolean;
  /** Some of it is bound to its request (a listing, a sealed lookup, what is derived from them): never kept alone. */
  requestBound: boolean;
  /**
   * The earliest `asOf` of the records in it served from this subgraph's kept records on the feed's proof (epoch ms,
   * the supervision subgraph's clock): it is as old as that, not as the request, and whoever keeps it proves it from there.
   */
  provenAtMs?: number;
}

// Keyed by the request's context object, which Apollo hands to resolvers and plugins alike.
const feedProofs = new WeakMap<object, FeedProof>();

/** The feed proof a request's answer needs, if any of its fields is of class `feed` (for the response's headers). */
export function feedProofOf(context: object): FeedProof | undefined {
  return feedProofs.get(context);
}

function noteFeedProof(context: unknown, owner: unknown, cacheClass: CacheClass, requestBound = false): void {
  if (typeof context !== 'object' || context === null) return;
  let proof = feedProofs.get(context);
  if (proof === undefined) feedProofs.set(context, (proof = { owners: new Set(), restsOnFeed: false, requestBound: false }));
  if (restsOnFeed(cacheClass)) proof.restsOnFeed = true;
  if (typeof owner === 'string' && owner.length > 0 && restsOnFeed(cacheClass)) proof.owners.add(owner);
  if (requestBound || cacheClass === 'listing' || cacheClass === 'derived') proof.requestBound = true;
}

/** A record served on the feed's proof (withFeedFreshness): not stale, with the `asOf` of the feed read proving it. */
function provenAtOf(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null || Reflect.get(value, 'stale') !== false) return undefined;
  const asOf: unknown = Reflect.get(value, 'asOf');
  const ms = typeof asOf === 'string' ? Date.parse(asOf) : asOf instanceof Date ? asOf.getTime() : Number.NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

function noteProvenAt(context: unknown, value: unknown): void {
  const provenAtMs = provenAtOf(value);
  if (provenAtMs === undefined || typeof context !== 'object' || context === null) return;
  const proof = feedProofs.get(context);
  if (proof !== undefined && (proof.provenAtMs === undefined || provenAtMs < proof.provenAtMs)) proof.provenAtMs = provenAtMs;
}

const restsOnFeed = (cacheClass: CacheClass | undefined) => cacheClass === 'feed' || cacheClass === 'listing';

/** A last-known answer served while the ministry was down: shown with `stale: true`, never kept by anyone. */
function holdsStale(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsStale);
  return typeof value === 'object' && value !== null && Reflect.get(value, 'stale') === true;
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
  const hintOf = (cacheClass: CacheClass): CacheHint => {
    if (cacheClass === 'public') return { maxAge: maxAges.publicMaxAgeS, scope: 'PUBLIC' };
    return { maxAge: cacheClass === 'identity' ? maxAges.identityMaxAgeS : maxAges.feedMaxAgeS, scope: 'PRIVATE' };
  };
  // A feed answer is uncacheable if any of it is a stale last-known record. `_entities` answers a list of promises
  // (one per representation): each is watched as it settles — before execution ends and the policy is read — and
  // handed on unchanged, so that one failed representation still fails alone. A record served on the feed's proof
  // says how old it is (see FeedProof.provenAtMs).
  const feedResolved = (value: unknown, info: GraphQLResolveInfo, context: unknown): unknown => {
    const uncacheable = () => cacheControlOf(info)?.cacheHint.restrict({ maxAge: 0 });
    const settled = (item: unknown) => {
      if (holdsStale(item)) uncacheable();
      noteProvenAt(context, item);
    };
    settled(value);
    if (Array.isArray(value))
      for (const item of value)
        if (item instanceof Promise) item.then(settled, () => undefined);
        else noteProvenAt(context, item);
    return value;
  };

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
      if (cacheClass === 'derived') noteFeedProof(context, undefined, cacheClass);
      if (!restsOnFeed(cacheClass)) return resolve(source, args, context, info);
      // A citizen's list: its owner is the parent's key, even when the list is empty (no access report names them).
      noteFeedProof(context, typeof source === 'object' && source !== null ? Reflect.get(source, 'niu') : undefined, cacheClass);
      const value: unknown = resolve(source, args, context, info);
      return value instanceof Promise ? value.then((resolved: unknown) => feedResolved(resolved, info, context)) : feedResolved(value, info, context);
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
      let feed = false;
      for (const representation of representations) {
        const typeName: unknown = typeof representation === 'object' && representation !== null ? Reflect.get(representation, '__typename') : undefined;
        const cacheClass = typeof typeName === 'string' ? entityClasses.get(typeName) : undefined;
        const bound = typeof representation === 'object' && representation !== null && rules.requestBound?.(representation) === true;
        // A representation bound to its request is cacheable only as part of a whole response resting on the feeds.
        control?.cacheHint.restrict(cacheClass && (!bound || restsOnFeed(cacheClass)) ? hintOf(cacheClass) : { maxAge: 0 });
        if (cacheClass === 'derived') noteFeedProof(context, undefined, cacheClass);
        if (!restsOnFeed(cacheClass)) continue;
        feed = true;
        // A citizen's entity (their lists): the key names the owner; a dossier's owners come from the access report.
        noteFeedProof(context, typeName === 'Citizen' && typeof representation === 'object' && representation !== null ? Reflect.get(representation, 'niu') : undefined, cacheClass ?? 'feed', bound);
      }
      const value: unknown = resolve(source, args, context, info);
      if (!feed) return value;
      return value instanceof Promise ? value.then((resolved: unknown) => feedResolved(resolved, info, context)) : feedResolved(value, info, context);
    };
  }
  return schema;
}
