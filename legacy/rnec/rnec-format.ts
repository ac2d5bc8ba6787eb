/** RNEC's own date habits: `jj/mm/aaaa` dates and `hh:mm` times, Lomé time (UTC+0, no DST). */

/** `2019-03-07` or `2019-03-07T10:15:00Z` → `07/03/2019`. */
export function toRnecDate(iso: string): string {
  const [year, month, day] = iso.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
}

/** `2026-02-01T10:15:42Z` → `10:15` (RNEC keeps minutes only). */
export function toRnecTime(instant: string): string {
  return instant.slice(11, 16);
}

/** `01/02/2026 10:15` or `01/02/2026` → epoch ms (UTC), or undefined when unreadable. */
export function parseRnecInstant(text: string): number | undefined {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const [, day, month, year, hours = '00', minutes = '00'] = match;
  const ms = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hours), Number(minutes));
  const date = new Date(ms);
  // Reject 31/02 and the like, which Date.UTC would roll over.
  if (date.getUTCDate() !== Number(day) || date.getUTCMonth() !== Number(month) - 1 || Number(hours) > 23 || Number(minutes) > 59) return undefined;
  return ms;
}
