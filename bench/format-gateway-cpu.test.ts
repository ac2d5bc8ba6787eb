import { describe, expect, it } from 'vitest';
import { formatGatewayCpu, processCpuTable } from './format-gateway-cpu.js';
import type { GatewayCpuRow } from './measure-gateway-cpu.js';

const row = (scenario: GatewayCpuRow['scenario'], target: string, cpuMsPerRequest: number, byProcess?: Record<string, number>): GatewayCpuRow => ({
  scenario,
  target,
  responses: 1000,
  errors: 0,
  requestsPerSecond: 100,
  cpuMsPerRequest,
  cpuMsPerRequestByRound: [cpuMsPerRequest],
  ...(byProcess ? { cpuMsPerRequestByProcess: byProcess } : {}),
});

describe('the gateway CPU section', () => {
  const rows = [
    row('dashboard', 'guichet', 3, { gateway: 3, dossiers: 1.5, 'civil-registry': 4, simulators: 2 }),
    row('dashboard', 'apollo', 6, { gateway: 6, dossiers: 2.5, 'civil-registry': 4.25, simulators: 2 }),
    row('status', 'guichet', 1),
    row('status', 'apollo', 2),
  ];

  it('lists every process per request under both gateways, the gateway first then the busiest, with the total', () => {
    const table = processCpuTable(rows, 'dashboard')!;
    const lines = table.split('\n').slice(2);
    expect(lines.map((l) => l.split('|')[1]!.trim())).toEqual(['gateway', 'civil-registry', 'simulators', 'dossiers', '**all**']);
    expect(lines[0]).toContain('3.00');
    expect(lines[0]).toContain('6.00');
    expect(lines.at(-1)).toContain('10.50');
    expect(lines.at(-1)).toContain('14.75');
  });

  it('has no per-process table for a scenario measured without it', () => {
    expect(processCpuTable(rows, 'status')).toBeUndefined();
    expect(processCpuTable(rows, 'nested')).toBeUndefined();
  });

  it('puts the dashboard rows and their per-process table in the section, with the status and nested verdicts', () => {
    const section = formatGatewayCpu({ rows, nestedAnswers: [], connections: 16, durationS: 8, rounds: 1 });
    expect(section).toContain('| dashboard | guichet | 3.00 | 100 | 0 | 1000 | 0.50× |');
    expect(section).toContain("Every process's CPU per `dashboard` request");
    expect(section).not.toContain("Every process's CPU per `status` request");
    expect(section).toContain("status: Guichet's gateway CPU per request ≤ 0.5× the stock gateway's: met");
    expect(section).toContain("nested: Guichet's gateway CPU per request ≤ 0.5× the stock gateway's: **not measured**");
  });
});
