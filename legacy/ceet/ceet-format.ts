/** CEET's wire formats: local timestamps `aaaa-mm-jj hh:mm:ss` (Lomé = UTC) and amounts as `"125 000"`. */

/** `2026-03-02T09:14:00Z` (or epoch ms) → `2026-03-02 09:14:00`. */
export function formatHorodatage(instant: string | number): string {
  return new Date(instant).toISOString().slice(0, 19).replace('T', ' ');
}

/** `2026-03-02 09:14:00` → epoch ms, or NaN when it is not that format. */
export function parseHorodatage(value: string): number {
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value) ? Date.parse(`${value.replace(' ', 'T')}Z`) : Number.NaN;
}

/** `125000` → `"125 000"`: plain space as thousands separator, no currency. */
export function formatMontant(amount: number): string {
  return String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}
