import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchFigures } from '../../bench/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'guichet-bench-quick-'));

/** Runs the built harness as `npm run bench -- --quick` would, on a stack of its own; resolves with its exit and output. */
function runQuickBench(): Promise<{ readonly code: number | null; readonly output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'dist/bench/main.js'), '--quick', '--out', join(outDir, 'bench.md'), '--json', join(outDir, 'bench.json')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output += chunk.toString();
      if (process.env.STACK_LOGS) process.stderr.write(chunk);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/**
 * The bench's smoke (`npm run bench -- --quick`): proves the harness runs every scenario on every target in both
 * modes, plus a scaling point, and that Guichet and the subgraphs answer without error. Nothing about speed: the
 * figures of a one-second run on a shared machine mean nothing. The first run installs the peers (about a minute).
 */
describe('bench --quick', () => {
  it('measures every scenario on every target, Guichet and direct without errors', async () => {
    const { code, output } = await runQuickBench();
    expect(code, output.slice(-4_000)).toBe(0);
    const figures = JSON.parse(readFileSync(join(outDir, 'bench.json'), 'utf8')) as BenchFigures;
    const report = `${readFileSync(join(outDir, 'bench.md'), 'utf8')}\n${output.slice(-2_000)}`;

    const expected = {
      status: ['guichet', 'apollo', 'hive', 'hive-rust', 'direct'],
      dashboard: ['guichet', 'apollo', 'hive', 'hive-rust'],
      'agent-list': ['guichet', 'apollo', 'hive', 'hive-rust'],
      catalogue: ['guichet', 'apollo', 'hive', 'hive-rust', 'direct'],
    };
    for (const mode of ['throughput', 'latency'] as const) {
      for (const [scenario, targets] of Object.entries(expected)) {
        const measured = figures.scenarios.find((s) => s.mode === mode && s.scenario === scenario);
        expect(
          measured?.targets.map((t) => t.target),
          `${mode} ${scenario}\n${report}`,
        ).toEqual(targets);
        for (const row of measured?.targets ?? []) {
          expect(row.responses, `${mode} ${scenario} ${row.target}\n${report}`).toBeGreaterThan(0);
          if (row.target === 'guichet' || row.target === 'direct') {
            expect(row.errors, `${mode} ${scenario} ${row.target}: ${row.errorSamples.join('; ')}\n${report}`).toEqual({ non2xx: 0, graphql: 0, transport: 0 });
          }
        }
      }
    }
    expect(
      figures.scaling.map((p) => [p.scenario, p.workers]),
      report,
    ).toEqual([
      ['status', 1],
      ['dashboard', 1],
    ]);
    for (const point of figures.scaling) expect(point.figures.responses, report).toBeGreaterThan(0);
    // Gateway CPU per request: status, dashboard and nested on Guichet and the stock gateway; on the stack's scenarios
    // every process's CPU per request, the gateway's the same figure as its row, the subgraphs working under both.
    const cpu = figures.gatewayCpu;
    for (const scenario of ['status', 'dashboard', 'nested'] as const) {
      for (const target of ['guichet', 'apollo']) {
        const row = cpu?.rows.find((r) => r.scenario === scenario && r.target === target);
        expect(row?.responses, `gateway CPU ${scenario} ${target}\n${report}`).toBeGreaterThan(0);
        expect(row?.cpuMsPerRequest, `gateway CPU ${scenario} ${target}\n${report}`).toBeGreaterThan(0);
        if (scenario === 'nested') continue;
        const byProcess = row?.cpuMsPerRequestByProcess ?? {};
        expect(byProcess.gateway, `${scenario} ${target}\n${report}`).toBe(row?.cpuMsPerRequest);
        expect(Object.keys(byProcess), `${scenario} ${target}\n${report}`).toEqual(expect.arrayContaining(['dossiers', 'electricity', 'civil-registry', 'simulators', 'witness', 'idp']));
        // A dashboard's subgraph work is tens of ms per second of load: seen even by /proc's 10 ms ticks in a quick run.
        if (scenario === 'dashboard') expect((byProcess.dossiers ?? 0) + (byProcess['civil-registry'] ?? 0), `${target}: the subgraphs worked\n${report}`).toBeGreaterThan(0);
      }
    }
    // Latency by dossier count: measured on the heavy citizens, or skipped with a reason when the world has none.
    expect(figures.dossierCounts.length + figures.skipped.length, report).toBeGreaterThan(0);
    for (const point of figures.dossierCounts) expect(point.figures.responses, report).toBeGreaterThan(0);
    // The supervision room's cost: both arms of both scenarios served without error, the screens fed, the
    // ingestion seen at work (a new application reached a screen), the initial load read from the log.
    const room = figures.roomCost;
    expect(
      room?.scenarios.map((s) => s.scenario),
      report,
    ).toEqual(['status', 'dashboard']);
    for (const s of room?.scenarios ?? []) {
      for (const arm of [s.off, s.on]) {
        expect(arm.figures.responses, `room ${s.scenario}\n${report}`).toBeGreaterThan(0);
        expect(arm.figures.errors, `room ${s.scenario}: ${arm.figures.errorSamples.join('; ')}\n${report}`).toEqual({ non2xx: 0, graphql: 0, transport: 0 });
        expect(arm.cpuPercentOfCore.gateway, report).toBeGreaterThan(0);
      }
      // Paused, the read model's process uses no CPU at all; running, it does.
      expect(s.off.cpuPercentOfCore.supervision, report).toBe(0);
    }
    expect(room?.idleCpuPercentOfCore.seconds, report).toBeGreaterThan(0);
    expect(room?.idleCpuPercentOfCore.off.supervision, report).toBe(0);
    expect(room?.framesReceived, report).toBeGreaterThan(0);
    expect(room?.freshnessMs.length, report).toBe(1);
    expect(room?.roomRead.underLoad.count, report).toBeGreaterThan(0);
    expect(
      room?.initialLoads.map((l) => l.system),
      report,
    ).toEqual(expect.arrayContaining(['ceet', 'rnec', 'urbanisme']));
    expect(report).toContain("## The supervision room's cost");
    expect(report).toContain('## Targets of issue 5');
    // The overload figure ran (in the smoke, below capacity: it proves the harness, not the admission control).
    expect(figures.overload?.responses, report).toBeGreaterThan(0);
    expect(report).toContain('## Overload:');
    // Issue 16, target 1: the one-connection dashboard beside its floor, and no by-reference read of the page's records.
    expect(figures.dashboardRound?.figures.responses, report).toBeGreaterThan(0);
    expect(figures.dashboardRound?.figures.errors, report).toEqual({ non2xx: 0, graphql: 0, transport: 0 });
    expect(figures.dashboardRound?.floor.p50Ms, report).toBeGreaterThan(0);
    expect(figures.dashboardRound?.callsPerDashboard.ceet?.consulterDemandesParNumeros ?? 0, report).toBe(0);
    expect(figures.dashboardRound?.callsPerDashboard.rnec?.SuivreDemande ?? 0, report).toBe(0);
    expect(report).toContain('## Dashboard at one connection against the one-round floor');
  }, 300_000);
});
