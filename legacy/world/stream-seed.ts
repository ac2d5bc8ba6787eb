/**
 * A salt from a name: a part of the world seeded on `new Random(streamSeed(world.seed, name))` never draws from, nor
 * shifts, the ordinary world's stream — adding it leaves every other seeded record where it was.
 */
export function streamSeed(seed: number, name: string): number {
  let hash = seed >>> 0;
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return hash;
}
