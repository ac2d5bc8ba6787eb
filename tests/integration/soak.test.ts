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
    // Some filings carried documents at SIGEM, CEET, Urbanisme and RNEC, and each system holds each of their files exactly once.
    expect(figures.pieces.expected, report).toBeGreaterThan(0);
    expect(figures.pieces.lost, report).toBe(0);
    expect(figures.pieces.duplicated, report).toBe(0);
    expect(figures.pieces.received, report).toBe(figures.pieces.expected);
    for (const system of ['mines', 'ceet', 'urbanisme', 'rnec'] as const) {
      const pieces = figures.pieces.bySystem[system];
      expect(pieces?.expected ?? 0, `${system}\n${report}`).toBeGreaterThan(0);
      expect(pieces?.received, `${system}\n${report}`).toBe(pieces?.expected);
    }
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

/**
 * The same short soak on the scaled stack (`npm run soak -- --quick --scaled`): PostgreSQL, Redis, HAProxy, two
 * gateways, two replicas of every subgraph, with gateway and subgraph replicas, Redis and PostgreSQL struck.
 */
describe('chaos soak (short, scaled)', () => {
  it('loses and duplicates nothing, holds one rate limit across gateways, and keeps one trail that verifies', async () => {
    const progress: string[] = [];
    const figures = await runSoak({ ...quickSoakOptions, scaled: true, kills: 6, log: (line) => progress.push(line) });
    const report = `${formatSoakFigures(figures)}\n\nProgress:\n${progress.join('\n')}`;
    expect(figures.lost, report).toBe(0);
    expect(figures.duplicated, report).toBe(0);
    expect(figures.ghosts, report).toBe(0);
    expect(figures.pieces.lost, report).toBe(0);
    expect(figures.pieces.duplicated, report).toBe(0);
    expect(figures.drain.drained, report).toBe(true);
    expect(figures.scaled?.rateLimit.held, report).toBe(true);
    expect(figures.scaled?.trail.verified, report).toBe(true);
    expect(figures.scaled?.trail.records ?? 0, report).toBeGreaterThan(0);
    expect(figures.passed, report).toBe(true);
    // Every kind was struck: both servers, a gateway replica, a subgraph replica.
    expect(figures.kills.postgres, report).toBe(1);
    expect(figures.kills.redis, report).toBe(1);
    expect(
      Object.keys(figures.kills).some((name) => name.startsWith('gateway-')),
      report,
    ).toBe(true);
    expect(
      Object.keys(figures.kills).some((name) => /^(electricity|building-permits|civil-registry|energy-mines)-\d$/.test(name)),
      report,
    ).toBe(true);
    expect(figures.submissions.accepted, report).toBeGreaterThanOrEqual(figures.submissions.planned * 0.9);
  }, 240_000);
});
