import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleOf, summarizeCpuProfile } from './summarize-cpu-profile.js';

describe('summarizeCpuProfile', () => {
  it('gives each sample its time delta, per function and per module, idle apart', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'prof-')), 'x.cpuprofile');
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 9 });
    writeFileSync(
      path,
      JSON.stringify({
        nodes: [
          { id: 1, callFrame: frame('(idle)', '') },
          { id: 2, callFrame: frame('execute', 'file:///app/node_modules/graphql/execution/execute.js') },
          { id: 3, callFrame: frame('merge', 'file:///app/node_modules/@apollo/gateway/dist/executeQueryPlan.js') },
          { id: 4, callFrame: frame('(garbage collector)', '') },
        ],
        samples: [1, 2, 2, 3, 4],
        timeDeltas: [5_000, 1_000, 2_000, 4_000, 1_000],
      }),
    );
    const summary = summarizeCpuProfile(path);
    expect(summary.totalMs).toBe(13);
    expect(summary.busyMs).toBe(8);
    expect(summary.byModule).toEqual([
      { name: '@apollo/gateway', selfMs: 4, percent: 50 },
      { name: 'graphql', selfMs: 3, percent: 37.5 },
      { name: '(garbage collector)', selfMs: 1, percent: 12.5 },
    ]);
    expect(summary.byFunction[0]).toEqual({ name: 'merge executeQueryPlan.js:10 [@apollo/gateway]', selfMs: 4, percent: 50 });
    // The first 8 ms (idle, then both graphql samples) left out as start-up.
    const late = summarizeCpuProfile(path, 15, 8);
    expect(late.totalMs).toBe(5);
    expect(late.byModule.map((e) => e.name)).toEqual(['@apollo/gateway', '(garbage collector)']);
  });

  it("names Guichet's own code by its top folder", () => {
    expect(moduleOf('file:///w/dist/gateway/subgraph-fetch/post-request.js', 'post')).toBe('guichet gateway/');
    expect(moduleOf('node:internal/streams', 'x')).toBe('node:internal');
  });
});
