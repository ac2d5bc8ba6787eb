const DAY_MS = 86_400_000;

export { DAY_MS };

/** YYYY-MM-DD of an instant (Africa/Lome is UTC+0 all year). */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** ISO instant without milliseconds. */
export function isoInstant(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Moves an instant into office hours (07:30–17:30) on the same day, keeping it deterministic. */
export function officeHours(ms: number, minuteOfDay: number): number {
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  return day + (450 + (minuteOfDay % 600)) * 60_000;
}
