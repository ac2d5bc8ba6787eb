import { legacyAdmin } from './legacy-admin.js';

const systems = ['rnec', 'ceet', 'urbanisme'] as const;

export type LegacyCounters = Readonly<Record<(typeof systems)[number], Record<string, number>>>;

/** Every simulator's per-operation call counters at once: compare two snapshots to prove nothing was called. */
export async function legacyCounters(): Promise<LegacyCounters> {
  const [rnec, ceet, urbanisme] = await Promise.all(systems.map((system) => legacyAdmin.calls(system)));
  return { rnec: rnec!, ceet: ceet!, urbanisme: urbanisme! };
}
