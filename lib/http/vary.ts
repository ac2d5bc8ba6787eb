/** `current` with `names` appended once each (case-insensitive), as a `Vary` value; `*` absorbs everything. */
export function withVary(current: string | number | readonly string[] | undefined, ...names: readonly string[]): string {
  const listed = (Array.isArray(current) ? current.join(',') : String(current ?? ''))
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  if (listed.includes('*')) return '*';
  for (const name of names) if (!listed.some((n) => n.toLowerCase() === name.toLowerCase())) listed.push(name);
  return listed.join(', ');
}
