/** Fields that identify a record in a set (a list whose order means nothing), tried in this order. */
const identityFields = ['reference', 'number', 'niu'] as const;

type Plain = Readonly<Record<string, unknown>>;

const isPlain = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Map);
const isPrimitive = (value: unknown) => value === null || (typeof value !== 'object' && typeof value !== 'function');
const join = (prefix: string, key: string) => (prefix === '' ? key : `${prefix}.${key}`);

/**
 * Where two clean answers differ, as field paths — never values, which are personal data. Structural and
 * order-insensitive where the contract is a set:
 * - a Map, or a list of records carrying an identity field (`reference`, `number`, `niu`), is a set: its entries
 *   are matched by key and written `{}` (`{}.lastName`; `{}` alone: an entry only one side has);
 * - a list of plain values is a multiset (`personNius`: order ignored);
 * - any other list is ordered: `history[].status`, or `history.length` when the lengths differ;
 * - `(root)`: the answers differ as a whole (a record and null).
 */
export function differingPaths(primary: unknown, secondary: unknown): string[] {
  const paths = new Set<string>();
  compare(primary, secondary, '', paths);
  return [...paths].sort();
}

function compare(a: unknown, b: unknown, path: string, out: Set<string>): void {
  if (Object.is(a, b)) return;
  const here = path === '' ? '(root)' : path;
  if (a instanceof Map && b instanceof Map) return compareKeyed(a, b, path, out);
  if (Array.isArray(a) && Array.isArray(b)) return compareLists(a, b, path, out);
  if (isPlain(a) && isPlain(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!(key in a) || !(key in b)) out.add(join(path, key));
      else compare(a[key], b[key], join(path, key), out);
    }
    return;
  }
  out.add(here);
}

function compareKeyed(a: ReadonlyMap<unknown, unknown>, b: ReadonlyMap<unknown, unknown>, path: string, out: Set<string>): void {
  const entry = `${path}{}`;
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    if (!a.has(key) || !b.has(key)) out.add(entry);
    else compare(a.get(key), b.get(key), entry, out);
  }
}

function compareLists(a: readonly unknown[], b: readonly unknown[], path: string, out: Set<string>): void {
  const both = [...a, ...b];
  if (both.every(isPrimitive)) {
    const sorted = (list: readonly unknown[]) =>
      list
        .map((v) => JSON.stringify(v))
        .sort()
        .join('\u0000');
    if (sorted(a) !== sorted(b)) out.add(path === '' ? '(root)' : path);
    return;
  }
  const identity = identityFields.find((field) => both.every((item) => isPlain(item) && typeof item[field] === 'string'));
  if (identity !== undefined) {
    const byKey = (list: readonly unknown[]) => new Map(list.map((item) => [(item as Plain)[identity], item]));
    if (new Set(a.map((item) => (item as Plain)[identity])).size !== a.length || new Set(b.map((item) => (item as Plain)[identity])).size !== b.length) {
      // Duplicates in a set: compare the counts as well as the entries.
      if (a.length !== b.length) out.add(join(path, 'length'));
    }
    return compareKeyed(byKey(a), byKey(b), path, out);
  }
  if (a.length !== b.length) out.add(join(path, 'length'));
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) compare(a[i], b[i], `${path}[]`, out);
}
