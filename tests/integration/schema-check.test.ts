import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, type FieldDefinitionNode, type InputValueDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { argumentsEdit, committedSupergraph, editSupergraph, fieldEdit, inputValue, nonNull, removeField } from '../../scripts/schema-check/testing/edit-supergraph.js';

/** `npm run schema:check` as maintainers and CI run it: the built script, its exit code and its report. */
const script = fileURLToPath(new URL('../../dist/scripts/schema-check/main.js', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'schema-check-'));
const file = (name: string, text: string) => {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
};
const schemaCheck = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 60_000 });

const baseline = file('baseline.graphql', committedSupergraph());
const noneAccepted = file('none.json', '{ "accepted": [] }');
const breaking = file(
  'breaking.graphql',
  [
    removeField('PageInfo', 'endCursor'),
    removeField('DossierStatus', 'REJECTED'),
    argumentsEdit('Query', 'dossier', (args) => [...args, inputValue('ministry', 'MinistryCode!')]),
    fieldEdit<InputValueDefinitionNode>('CivilActCopyInput', 'copies', (node) => ({ ...node, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'String' } } })),
  ].reduce(editSupergraph, committedSupergraph()),
);

describe('npm run schema:check', () => {
  it('passes on the repository as it is: the code composes to the committed supergraph, and the generated files are current', () => {
    const run = schemaCheck();
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('schema:check passed');
  });

  it('exits 1 on deliberate breaking changes, listing each with its path and criticality', () => {
    const run = schemaCheck('--baseline', baseline, '--candidate', breaking, '--accepted', noneAccepted);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('BREAKING, not accepted (4)');
    for (const line of [
      'ENUM_VALUE_REMOVED DossierStatus.REJECTED',
      'FIELD_REMOVED PageInfo.endCursor',
      'FIELD_ARGUMENT_ADDED Query.dossier.ministry',
      'INPUT_FIELD_TYPE_CHANGED CivilActCopyInput.copies',
    ]) {
      expect(run.stderr).toContain(`x ${line}\n`);
    }
    expect(run.stderr).toContain('schema:check FAILED: 4 breaking change(s) not accepted');
  });

  it('exits 0 once each breaking change is accepted, and warns about an entry that matches nothing', () => {
    const entry = (type: string, path: string) => ({ type, path, reason: 'Testé : aucun client publié n’en dépend.', date: '2026-11-23' });
    const accepted = file(
      'accepted.json',
      JSON.stringify({
        accepted: [
          entry('FIELD_REMOVED', 'PageInfo.endCursor'),
          entry('ENUM_VALUE_REMOVED', 'DossierStatus.REJECTED'),
          entry('FIELD_ARGUMENT_ADDED', 'Query.dossier.ministry'),
          entry('INPUT_FIELD_TYPE_CHANGED', 'CivilActCopyInput.copies'),
          entry('TYPE_REMOVED', 'Sex'),
        ],
      }),
    );
    const run = schemaCheck('--baseline', baseline, '--candidate', breaking, '--accepted', accepted);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('BREAKING, accepted (4)');
    expect(run.stdout).toContain('? TYPE_REMOVED Sex');
  });

  it('exits 0 on a purely additive change', () => {
    const additive = file(
      'additive.graphql',
      editSupergraph(
        committedSupergraph(),
        argumentsEdit('Query', 'procedures', (args) => [...args, inputValue('ministry', 'MinistryCode')]),
      ),
    );
    const run = schemaCheck('--baseline', baseline, '--candidate', additive, '--accepted', noneAccepted);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('! FIELD_ARGUMENT_ADDED Query.procedures.ministry');
  });

  it('exits 2 with one clear line on an invalid accepted-changes file or supergraph', () => {
    const invalid = schemaCheck('--baseline', baseline, '--candidate', breaking, '--accepted', file('invalid.json', '{ "accepted": [{ "path": "PageInfo.endCursor" }] }'));
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(/^schema:check could not run: .*invalid\.json is invalid:\n {2}- accepted\.0\.type/);
    const broken = schemaCheck(
      '--baseline',
      baseline,
      '--candidate',
      file(
        'broken.graphql',
        editSupergraph(
          committedSupergraph(),
          fieldEdit<FieldDefinitionNode>('Dossier', 'reference', (node) => ({ ...node, type: nonNull({ kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'Int' } }) })),
        ),
      ),
    );
    expect(broken.status).toBe(2);
    expect(broken.stderr).not.toMatch(/\n\s+at /);
  });
});
