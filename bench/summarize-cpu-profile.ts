import { readFileSync } from 'node:fs';
import { sep } from 'node:path';

/** What V8 writes for `node --cpu-prof` (the fields read here). */
interface CpuProfile {
  readonly nodes: readonly { readonly id: number; readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number } }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** One line of a profile's summary: self time of a function (or of a module), in ms and in % of the profile. */
export interface SelfTimeEntry {
  readonly name: string;
  readonly selfMs: number;
  readonly percent: number;
}

export interface CpuProfileSummary {
  /** Sampled time, ms (idle included). */
  readonly totalMs: number;
  /** Sampled time not idle, ms: what the percentages are of. */
  readonly busyMs: number;
  readonly byFunction: readonly SelfTimeEntry[];
  readonly byModule: readonly SelfTimeEntry[];
}

/** The npm package a script belongs to (scoped names kept), Guichet's own top folder, or V8's pseudo-frames as named. */
export function moduleOf(url: string, functionName: string): string {
  if (url === '') return `(${functionName.replace(/[()]/g, '') || 'native'})`;
  if (url.startsWith('node:')) return 'node:internal';
  const path = url.replace(/^file:\/\//, '');
  const marker = `node_modules${sep}`;
  const at = path.lastIndexOf(marker);
  if (at >= 0) {
    const [first, second] = path.slice(at + marker.length).split(sep);
    return first?.startsWith('@') ? `${first}/${second}` : (first ?? path);
  }
  const dist = path.match(/\/dist\/([^/]+)\//);
  return dist ? `guichet ${dist[1]}/` : path;
}

const top = (totals: Map<string, number>, busyMs: number, count: number): SelfTimeEntry[] =>
  [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, selfMs]) => ({ name, selfMs, percent: busyMs > 0 ? (selfMs / busyMs) * 100 : 0 }));

/**
 * Self time per function and per module of a `.cpuprofile`: each sample's time delta goes to the frame it landed in.
 * Samples in the first `skipMs` of the profile are left out (the process's start-up: module loading, schema building).
 */
export function summarizeCpuProfile(path: string, count = 15, skipMs = 0): CpuProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  let elapsedUs = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    elapsedUs += us;
    if (elapsedUs <= skipMs * 1000) return;
    totalUs += us;
    const frame = nodes.get(id);
    if (!frame) return;
    if (frame.functionName === '(idle)') {
      idleUs += us;
      return;
    }
    const module = moduleOf(frame.url, frame.functionName);
    const file = frame.url.split('/').pop() ?? '';
    const name = `${frame.functionName || '(anonymous)'} ${file ? `${file}:${frame.lineNumber + 1}` : ''} [${module}]`.replace(/ {2,}/g, ' ');
    byFunction.set(name, (byFunction.get(name) ?? 0) + us / 1000);
    byModule.set(module, (byModule.get(module) ?? 0) + us / 1000);
  });
  const busyMs = (totalUs - idleUs) / 1000;
  return { totalMs: totalUs / 1000, busyMs, byFunction: top(byFunction, busyMs, count), byModule: top(byModule, busyMs, count) };
}
