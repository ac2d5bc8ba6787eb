import { getHeapStatistics } from 'node:v8';

/** V8's semi-space when no flag sets it (Node 20, 64-bit): 16 MiB. */
const defaultSemiSpaceMiB = 16;
/** The young generation V8 reserves: two semi-spaces and a large-object space of the same size. */
const youngGenerationSemiSpaces = 3;

const semiSpaceFlag = /^--max[-_]semi[-_]space[-_]size(?:=(\d+))?$/;

/**
 * The `--max-semi-space-size` (MiB) among these Node flags (`process.execArgv`, then `NODE_OPTIONS`: the last one
 * given wins, as V8 reads them), or V8's default.
 */
export function semiSpaceMiBOf(flags: readonly string[]): number {
  let mib = defaultSemiSpaceMiB;
  flags.forEach((flag, i) => {
    const match = semiSpaceFlag.exec(flag);
    if (!match) return;
    const value = Number(match[1] ?? flags[i + 1]);
    if (Number.isInteger(value) && value > 0) mib = value;
  });
  return mib;
}

/** This process's Node flags: the command line's, then NODE_OPTIONS's. */
export const nodeFlags = (): string[] => [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean)];

/**
 * The old generation's limit: where long-lived data (caches, open streams) lives, what `--max-old-space-size` sets.
 * V8's `heap_size_limit` also counts the young generation, which a larger `--max-semi-space-size` grows (fewer
 * short-lived objects promoted, less collection) without leaving more room for long-lived data: budgets are read
 * against this, not against that.
 */
export function oldGenerationLimitBytes(heapSizeLimitBytes = getHeapStatistics().heap_size_limit, flags: readonly string[] = nodeFlags()): number {
  return heapSizeLimitBytes - youngGenerationSemiSpaces * semiSpaceMiBOf(flags) * 2 ** 20;
}
