import { describe, expect, it } from 'vitest';
import { faultKinds, formatSoakFigures, quickSoakOptions, runSoak, soakSystems } from '../../scripts/soak/index.js';

/**
 * The short chaos soak (`npm run soak -- --quick`): its own stack — never the shared one, whose processes it
 * would kill — concurrent submissions while every fault kind is injected and a subgraph and the gateway are
 * SIGKILLed and restarted; then every accepted submission must be in its legacy system exactly once.
 */
describe('chaos soak (short)', () => {
  it('loses and duplicates no accepted submission through faults and kills', async () => {
    const progress: string[] = [];
    const figures = await runSoak({
      ...quickSoakOptions,
      log: (line) => {
        progress.push(line);
        if (process.env.STACK_LOGS) process.stderr.write(`[soak] ${line}\n`);
      },
    });
    const report = `${formatSoakFigures(figures)}\n\nProgress:\n${progress.join('\n')}`;

    expect(figures.lost, report).toBe(0);
    expect(figures.duplicated, report).toBe(0);
    expect(figures.ghosts, report).toBe(0);
    expect(figures.mismatched, report).toBe(0);
    expect(figures.strayRecords, report).toBe(0);
    expect(figures.drain.drained, report).toBe(true);
    expect(figures.passed, report).toBe(true);

    // The chaos really happened: every fault kind, a subgraph and the gateway killed under load, the outbox used.
    for (const kind of faultKinds) expect(figures.faults[kind], `${kind} faults\n${report}`).toBeGreaterThan(0);
    expect(figures.kills.gateway ?? 0, report).toBeGreaterThan(0);
    expect(
      Object.entries(figures.kills)
        .filter(([name]) => name !== 'gateway')
        .reduce((n, [, k]) => n + k, 0),
      report,
    ).toBeGreaterThan(0);
    expect(figures.clientRetries, report).toBeGreaterThan(0);
    expect(figures.submissions.acceptedQueued, report).toBeGreaterThan(0);
    expect(figures.submissions.accepted, report).toBeGreaterThanOrEqual(figures.submissions.planned * 0.9);
    // Every ministry's system took filings, the fourth one included.
    for (const system of soakSystems) expect(figures.bySystem[system].accepted, `${system}\n${report}`).toBeGreaterThan(0);
  }, 150_000);
});
