import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/log/index.js';
import type { RunningService } from '../../lib/service/index.js';
import { documentKindsGivenAsField, procedures, type DocumentKind } from '../../schema/index.js';
import { anonymous, postAs, testSubgraphSecret } from '../shared/testing/index.js';
import { readDossiersConfig } from './config.js';
import { startDossiersSubgraph } from './start-dossiers-subgraph.js';

let subgraph: RunningService;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-dossiers-documents-'));
  const config = readDossiersConfig({ PORT: '0', NODE_ENV: 'test', INTERNAL_TOKEN_SECRET: testSubgraphSecret, AUDIT_LOG_PATH: join(dir, 'audit.jsonl') });
  subgraph = await startDossiersSubgraph(config, createLogger('dossiers-test', 'silent'));
});
afterAll(() => subgraph?.close());

describe('the catalogue says which papers are files to upload', () => {
  it('every required document of every procedure: asFile unless its kind is given as a field of the application', async () => {
    const reply = await postAs<{ procedures: { code: string; documents: { kind: DocumentKind; asFile: boolean }[] }[] }>(
      subgraph.url,
      anonymous,
      '{ procedures { code documents { kind asFile } } }',
      {},
    );
    expect(reply.errors).toBeUndefined();
    const shown = reply.data!.procedures;
    expect(shown.map((p) => p.code)).toEqual(procedures.map((p) => p.code));
    const rows = shown.flatMap((p) => p.documents.map((d) => ({ procedure: p.code, ...d })));
    for (const row of rows) expect(row.asFile, `${row.procedure} ${row.kind}`).toBe(!documentKindsGivenAsField.has(row.kind));
    // Both sides occur: the civil registry's copies ask the act's number as a field, and an identity document as a file.
    expect(rows.some((r) => !r.asFile)).toBe(true);
    expect(rows.some((r) => r.asFile)).toBe(true);
  });
});
