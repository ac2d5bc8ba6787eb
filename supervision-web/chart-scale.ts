/** A "nice" upper bound for an axis (1, 2, 2.5 or 5 × 10ⁿ) and its ticks. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let value = 0; value <= top + step / 2; value += step) ticks.push(Number(value.toPrecision(12)));
  return ticks;
}

/** One bar of the volume chart: a day, a week or a month. */
export interface VolumeBucket {
  /** First day (ISO). */
  readonly start: string;
  readonly count: number;
  /** False for a week or month cut by the period's ends: its bar is not comparable with the others. */
  readonly complete: boolean;
}

export type BucketUnit = 'jour' | 'semaine' | 'mois';

const dayMs = 86_400_000;
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/**
 * The submitted-per-day series as bars: every day of the period (days without a filing count 0), grouped in weeks
 * (from Monday) beyond three months and in months beyond two years, so that a wall screen still reads it.
 */
export function bucketVolumes(days: readonly { day: string; count: number }[], from?: string, to?: string, chosen?: BucketUnit): { unit: BucketUnit; buckets: VolumeBucket[] } {
  if (days.length === 0 && (from === undefined || to === undefined)) return { unit: 'jour', buckets: [] };
  const known = days.map((d) => dayOf(d.day));
  const first = from !== undefined ? dayOf(from) : Math.min(...known);
  const last = Math.max(to !== undefined ? Math.min(dayOf(to), Math.max(Date.now(), ...known)) : Math.max(...known), first);
  const span = Math.round((last - first) / dayMs) + 1;
  // Days over more than ten years would be 3,660 bars: a chosen unit too fine for the period is coarsened.
  const automatic: BucketUnit = span <= 92 ? 'jour' : span <= 730 ? 'semaine' : 'mois';
  const unit: BucketUnit = chosen === undefined || (chosen === 'jour' && span > 731) ? automatic : chosen;
  const startOf = (ms: number): string => {
    if (unit === 'jour') return toDay(ms);
    if (unit === 'mois') return `${toDay(ms).slice(0, 7)}-01`;
    const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday = 0
    return toDay(ms - weekday * dayMs);
  };
  const counts = new Map<string, number>();
  const daysIn = new Map<string, number>();
  for (let ms = first; ms <= last; ms += dayMs) {
    const key = startOf(ms);
    counts.set(key, 0);
    daysIn.set(key, (daysIn.get(key) ?? 0) + 1);
  }
  for (const d of days) {
    const key = startOf(dayOf(d.day));
    counts.set(key, (counts.get(key) ?? 0) + d.count);
  }
  const fullLength = (start: string): number => {
    if (unit === 'jour') return 1;
    if (unit === 'semaine') return 7;
    const date = new Date(`${start}T00:00:00Z`);
    return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  };
  const buckets = [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([start, count]) => ({ start, count, complete: (daysIn.get(start) ?? fullLength(start)) >= fullLength(start) }));
  return { unit, buckets };
}
