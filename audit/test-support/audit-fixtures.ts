import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditEntry } from '../audit-record.js';

export const testKey = 'test-audit-key-0123456789abcdef-0123456789';

/** A fresh log path in its own temp directory. */
export function tempLogPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'guichet-audit-')), 'audit.jsonl');
}

export function entry(niu: string, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: '2026-11-02T10:00:00.000Z',
    subject: 'agent-7',
    role: 'agent',
    ministry: 'ENERGY',
    clientId: 'portail-agents',
    niu,
    action: 'read',
    operationName: 'CitizenDashboard',
    systems: ['ceet'],
    subgraphs: ['electricity'],
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    ...overrides,
  };
}

/** The log's lines, without the final newline. */
export function readLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
}

export function writeLines(path: string, lines: readonly string[]): void {
  writeFileSync(path, lines.map((line) => `${line}\n`).join(''));
}
