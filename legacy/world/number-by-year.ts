/**
 * Numbers dossiers in submission order within each year, as the ministries' registers do. `lastByYear` holds the
 * last sequence used per year and is advanced: passing the same map again numbers a later batch after the first
 * (the heavy citizens' dossiers come after the ordinary world's, so that adding them renumbers nothing).
 */
export function numberByYear<T extends { history: readonly { at: string }[] }>(
  drafts: readonly T[],
  format: (year: number, seq: string) => string,
  lastByYear: Map<number, number> = new Map(),
): [T, string][] {
  const sorted = [...drafts].sort((a, b) => (a.history[0]?.at ?? '').localeCompare(b.history[0]?.at ?? ''));
  return sorted.map((draft) => {
    const year = Number((draft.history[0]?.at ?? '1970').slice(0, 4));
    const seq = (lastByYear.get(year) ?? 0) + 1;
    lastByYear.set(year, seq);
    return [draft, format(year, String(seq).padStart(6, '0'))];
  });
}
