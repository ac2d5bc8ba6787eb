/**
 * JSON with object keys sorted at every level and no insignificant whitespace: the same record always gives the same
 * bytes, whatever order its fields were built in, so its hash can be recomputed by anyone. Undefined fields are left
 * out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`cannot encode ${typeof value} in canonical JSON`);
    return text;
  }
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += `${i > 0 ? ',' : ''}${value[i] === undefined ? 'null' : canonicalJson(value[i])}`;
    return `${text}]`;
  }
  // Plain loops: verifying a large log runs this once per record.
  const object = value as Readonly<Record<string, unknown>>;
  const keys = Object.keys(object).sort();
  let text = '{';
  for (const key of keys) {
    const field = object[key];
    if (field === undefined) continue;
    text += `${text.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(field)}`;
  }
  return `${text}}`;
}
