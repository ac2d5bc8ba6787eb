/** The `SupervisionFilter` input of the API contract, as read from the events URL (`?ministry=ENERGY&from=…`). */
export interface SupervisionFilter {
  readonly ministry?: string;
  readonly procedure?: string;
  readonly from?: string;
  readonly to?: string;
  readonly commune?: string;
}

export class SupervisionFilterError extends Error {}

/**
 * Each parameter's shape, checked before anything reaches the graph: enum and ID values as the catalogue writes
 * them, ISO calendar dates, a commune name of reasonable length. The graph validates again; this keeps junk out of
 * the poller keys and gives the page a plain 400.
 */
const shapes: Readonly<Record<keyof SupervisionFilter, RegExp>> = {
  ministry: /^[A-Z][A-Z_]{0,39}$/,
  procedure: /^[A-Z0-9][A-Z0-9-]{0,63}$/,
  from: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  to: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  commune: /^[\p{L}\p{N}][\p{L}\p{N} '’.-]{0,79}$/u,
};

const keys = Object.keys(shapes) as (keyof SupervisionFilter)[];

/** Reads the filter from URL parameters; empty parameters mean "no filter"; unknown ones are refused. */
export function parseSupervisionFilter(params: URLSearchParams): SupervisionFilter {
  const filter: { -readonly [K in keyof SupervisionFilter]?: string } = {};
  for (const [name, value] of params) {
    if (!(keys as string[]).includes(name)) throw new SupervisionFilterError(`unknown parameter ${name}`);
    const key = name as keyof SupervisionFilter;
    if (filter[key] !== undefined) throw new SupervisionFilterError(`parameter ${name} given twice`);
    const trimmed = value.trim();
    if (trimmed === '') continue;
    if (!shapes[key].test(trimmed)) throw new SupervisionFilterError(`bad value for ${name}`);
    filter[key] = trimmed;
  }
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) throw new SupervisionFilterError('from is after to');
  return filter;
}

/** A stable key for one filter (same filter, same key, whatever the parameter order). */
export function filterKey(filter: SupervisionFilter): string {
  return JSON.stringify(keys.map((key) => filter[key] ?? null));
}
