import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { operationsDirectory } from '../../gateway/trusted-documents/index.js';
import { readOperationSources } from './read-operation-sources.js';
import { operationDirectories, readShippedOperation, readShippedOperations } from './operation-sources.js';

const sandbox = mkdtempSync(join(tmpdir(), 'guichet-operations-'));
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));
const write = (path: string, text: string) => {
  mkdirSync(join(sandbox, path, '..'), { recursive: true });
  writeFileSync(join(sandbox, path), text);
};

describe('the shipped operations', () => {
  it('are clients/operations/ alone in this repository (the manifest is unchanged by the ministries’ folders)', () => {
    expect(readShippedOperations()).toEqual(readOperationSources(operationsDirectory()).map((s) => ({ ...s, directory: 'clients/operations' })));
  });

  it('include a ministry subgraph’s own operations/ folder, sorted with the others by name', () => {
    write('clients/operations/B.graphql', 'query B { b }');
    write('subgraphs/electricity/operations/A.graphql', 'query A { a }');
    write('subgraphs/not-a-ministry/operations/C.graphql', 'query C { c }');
    expect(operationDirectories(sandbox)).toEqual([join(sandbox, 'clients/operations'), join(sandbox, 'subgraphs/electricity/operations')]);
    expect(readShippedOperations(sandbox).map((s) => [s.file, s.directory])).toEqual([
      ['A.graphql', 'subgraphs/electricity/operations'],
      ['B.graphql', 'clients/operations'],
    ]);
    expect(readShippedOperation('A', sandbox)).toBe('query A { a }');
    expect(() => readShippedOperation('C', sandbox)).toThrow('no shipped operation named C (in clients/operations, subgraphs/electricity/operations)');
  });

  it('refuses two operations of the same name', () => {
    write('subgraphs/electricity/operations/B.graphql', 'query B { b }');
    expect(() => readShippedOperations(sandbox)).toThrow('two shipped operations named B.graphql: in clients/operations/ and subgraphs/electricity/operations/');
  });
});
