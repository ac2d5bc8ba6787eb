import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refuseUnacceptedBreaks } from './refuse-unaccepted-breaks.js';
import { committedSupergraph, editSupergraph, removeField } from './testing/edit-supergraph.js';

/** `npm run compose` must not turn a breaking change into the new baseline by regenerating the committed file. */
describe('refuseUnacceptedBreaks (the compose guard)', () => {
  const committed = join(mkdtempSync(join(tmpdir(), 'schema-guard-')), 'supergraph.graphql');
  writeFileSync(committed, committedSupergraph());

  it('refuses a supergraph with a breaking change no entry accepts', async () => {
    const refusal = await refuseUnacceptedBreaks(committed, editSupergraph(committedSupergraph(), removeField('PageInfo', 'endCursor')));
    expect(refusal).toContain('x FIELD_REMOVED PageInfo.endCursor');
    expect(refusal).toMatch(/compose: .*supergraph\.graphql left unchanged\.\n$/);
  });

  it('lets an unchanged or compatible supergraph be written, and a first one', async () => {
    expect(await refuseUnacceptedBreaks(committed, committedSupergraph())).toBeUndefined();
    expect(await refuseUnacceptedBreaks(join(tmpdir(), 'no-such-dir', 'supergraph.graphql'), 'not even parsed')).toBeUndefined();
  });
});
