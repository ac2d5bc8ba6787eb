import type { GraphQLResponse } from '../graphql-client.js';
import type { Expectation } from './expectations.js';
import type { Path } from './paths.js';

/** Codes of a refusal: no token, not allowed, or answered as if it did not exist. */
export const denialCodes: ReadonlySet<string> = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']);
/** Codes of a system that could not answer: what an allowed read may get instead of data while a system fails. */
export const unavailableCodes: ReadonlySet<string> = new Set(['BACKEND_UNAVAILABLE', 'BACKEND_TIMEOUT', 'BACKEND_ERROR', 'BAD_BACKEND_RESPONSE', 'CIRCUIT_OPEN', 'BACKEND_OVERLOADED']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** An object with something in it: not a bare `{ __typename }` shell the gateway derived from a reference's prefix. */
const substantive = (item: { [key: string]: Json }) => Object.entries(item).some(([key, value]) => key !== '__typename' && value !== null);

/** The objects of the path's last type in a response, and whether the walk met a null or an empty list on the way. */
export function endObjects(path: Path, data: Json | undefined, hops = path.hops.length): { readonly objects: Record<string, Json>[]; readonly cut: boolean } {
  let level: Json[] = data === undefined || data === null ? [] : [data];
  let cut = level.length === 0;
  for (const [index, hop] of path.hops.slice(0, hops).entries()) {
    // A type with no leaf (ProcedureFigures: objects all the way down) is all `__typename` at the end of its path.
    const bare = index === path.hops.length - 1 && path.leaves.length === 0;
    const next: Json[] = [];
    for (const value of level) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
      const inner = value[hop.field];
      const items = Array.isArray(inner) ? inner : inner === undefined || inner === null ? [] : [inner];
      if (items.length === 0) cut = true;
      const following = path.hops[index + 1];
      for (const item of items) {
        if (item === null || typeof item !== 'object' || Array.isArray(item) || (hop.through && item.__typename !== hop.type)) continue;
        if (bare || substantive(item)) next.push(item);
        // A real object whose next field is null (a person's dossier has no applicant company): the path ends here.
        else if (following && item[following.field] === null) cut = true;
      }
    }
    level = next;
  }
  return { objects: level as Record<string, Json>[], cut };
}

const fieldPath = (error: { path?: readonly (string | number)[] }) => (error.path ?? []).filter((segment) => typeof segment === 'string').join('.');

export interface Verdict {
  /** What went against the matrix, one line each (empty: as expected). */
  readonly problems: string[];
  /** Values of each leaf the caller received (for the leak scan and the audit). */
  readonly received: ReadonlyMap<string, readonly Json[]>;
  /** The caller got at least one object at the end of the path. */
  readonly gotData: boolean;
}

/**
 * Compares one answer with the matrix. Strict (every system up): allowed leaves arrive, errors are refusals of what
 * the matrix denies and nothing else. Lenient (a system failing): an allowed leaf may be missing when the answer
 * says a system could not answer. Never, in any state: a value for a denied hop or leaf.
 */
export function judge(path: Path, expectation: Expectation, response: GraphQLResponse<unknown>, strict: boolean): Verdict {
  const problems: string[] = [];
  const { objects, cut } = endObjects(path, response.data as Json | undefined);
  const errors = response.errors ?? [];
  const codes = errors.map((e) => String(e.extensions?.code));
  const received = new Map<string, Json[]>();
  for (const leaf of path.leaves)
    received.set(
      leaf,
      objects.map((o) => o[leaf]).filter((v): v is Json => v !== undefined && v !== null),
    );
  const unavailable = codes.some((code) => unavailableCodes.has(code));
  if (response.status >= 500) problems.push(`HTTP ${response.status}`);
  for (const code of codes) if (!denialCodes.has(code) && !unavailableCodes.has(code)) problems.push(`unexpected error code ${code}`);
  if (strict && unavailable) problems.push(`a system error while every system is up: ${codes.join(', ')}`);

  if (expectation.deniedHop !== -1) {
    if (objects.length > 0) problems.push(`LEAK: denied at ${path.hops[expectation.deniedHop]!.parent}.${path.hops[expectation.deniedHop]!.field}, yet ${objects.length} object(s) arrived`);
    if (strict && !cut && !codes.some((c) => denialCodes.has(c))) problems.push('denied without a refusal (no UNAUTHENTICATED/FORBIDDEN/NOT_FOUND, no empty list)');
    return { problems, received, gotData: objects.length > 0 };
  }

  const base = path.hops.map((h) => h.field).join('.');
  for (const [leaf, allowed] of Object.entries(expectation.leaves)) {
    const values = received.get(leaf) ?? [];
    if (!allowed && values.length > 0) problems.push(`LEAK: ${leaf} denied, yet ${values.length} value(s) arrived`);
    if (allowed && strict && errors.some((e) => fieldPath(e) === `${base}.${leaf}`)) problems.push(`${leaf} allowed, yet refused: ${codes.join(', ')}`);
  }
  if (strict) {
    for (const error of errors) {
      const at = fieldPath(error);
      const deniedLeaf = Object.entries(expectation.leaves).some(([leaf, allowed]) => !allowed && at === `${base}.${leaf}`);
      if (!deniedLeaf) problems.push(`allowed path refused at ${at || '(root)'}: ${String(error.extensions?.code)}`);
    }
  }
  // Allowed with nothing at the end: fine only for an empty list, or a system that could not answer.
  if (objects.length === 0 && !cut && !(unavailable && !strict)) problems.push('allowed, yet no object arrived');
  if (objects.length === 0 && cut && !unavailable && codes.length > 0) problems.push(`allowed, yet cut short by ${codes.join(', ')}`);
  return { problems, received, gotData: objects.length > 0 };
}

/** Every string and number of a JSON value, for the leak scan. */
export function scalarsOf(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string' || typeof value === 'number') into.push(String(value));
  else if (Array.isArray(value)) for (const item of value) scalarsOf(item, into);
  else if (value !== null && typeof value === 'object') for (const inner of Object.values(value)) scalarsOf(inner, into);
  return into;
}
