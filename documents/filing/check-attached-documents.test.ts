import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findProcedure, ProcedureCode, type DocumentKind } from '../../schema/index.js';
import { createFileDocumentStore } from '../storage/index.js';
import { checkAttachedDocuments } from './check-attached-documents.js';

const root = mkdtempSync(join(tmpdir(), 'guichet-attached-'));
const store = createFileDocumentStore({ directory: root });
afterAll(async () => {
  await store.close();
  rmSync(root, { recursive: true, force: true });
});
const procedure = findProcedure(ProcedureCode.QUARRY_AUTHORIZATION)!;
const required = procedure.documents;

async function uploaded(kind: DocumentKind, subject = 'citizen-a') {
  const bytes = Buffer.from(`${kind}-${subject}-${Math.random()}`);
  return store.put({ owner: { subject, niu: '100000000001' }, kind, mediaType: 'application/pdf', bytes, sha256: createHash('sha256').update(bytes).digest('hex') });
}
const check = (attached: readonly { kind: DocumentKind; id: string }[], ownerSubject = 'citizen-a') =>
  checkAttachedDocuments({ required, attached, ownerSubject, store, path: ['input', 'documents'] });

describe('checkAttachedDocuments', () => {
  it('the procedure under test asks for several documents', () => {
    expect(required.length).toBeGreaterThan(2);
  });

  it('accepts every required kind, each the caller’s own upload of that kind', async () => {
    const attached = await Promise.all(required.map(async ({ kind }) => ({ kind, id: (await uploaded(kind)).id })));
    expect(await check(attached)).toEqual([]);
  });

  it('names every missing document, in French, at the list', async () => {
    const [first, ...rest] = required;
    const attached = [{ kind: first!.kind, id: (await uploaded(first!.kind)).id }];
    const problems = await check(attached);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: ['input', 'documents'], code: 'REQUIRED' });
    for (const document of rest) expect(problems[0]!.message).toContain(document.detail ?? document.label);
  });

  it('refuses another user’s upload as an unknown one, and an id that does not exist', async () => {
    const attached = await Promise.all(required.map(async ({ kind }) => ({ kind, id: (await uploaded(kind)).id })));
    attached[0] = { kind: required[0]!.kind, id: (await uploaded(required[0]!.kind, 'citizen-b')).id };
    attached[1] = { kind: required[1]!.kind, id: '00000000-0000-4000-8000-000000000000' };
    const problems = await check(attached);
    expect(problems.map((p) => p.path)).toEqual([
      ['input', 'documents', 0, 'id'],
      ['input', 'documents', 1, 'id'],
    ]);
    expect(problems[0]!.message).toBe(problems[1]!.message);
  });

  it('refuses a document filed as another kind than it was uploaded as, a kind the procedure does not ask for, and an id twice', async () => {
    const attached = await Promise.all(required.map(async ({ kind }) => ({ kind, id: (await uploaded(kind)).id })));
    const wrongKind = { kind: required[0]!.kind, id: (await uploaded(required[1]!.kind)).id };
    const notAsked = required.some((d) => d.kind === 'WORKS_ESTIMATE') ? 'ARCHITECT_PLANS' : 'WORKS_ESTIMATE';
    const problems = await check([wrongKind, ...attached.slice(1), { kind: notAsked, id: attached[1]!.id }, attached[1]!]);
    expect(problems.map((p) => p.path.slice(2))).toEqual([
      [0, 'kind'],
      [attached.length, 'kind'],
      [attached.length + 1, 'id'],
    ]);
  });

  it('takes a kind the input gives as a field (a copy request’s act number) as neither missing nor a file to attach', async () => {
    const copy = findProcedure(ProcedureCode.BIRTH_ACT_COPY)!.documents;
    expect(copy.map((d) => [d.kind, d.givenAs])).toEqual([
      ['ACT_REFERENCE', 'field'],
      ['IDENTITY_DOCUMENT', 'file'],
    ]);
    const checkCopy = (attached: readonly { kind: DocumentKind; id: string }[]) => checkAttachedDocuments({ required: copy, attached, ownerSubject: 'citizen-a', store, path: ['input', 'documents'] });
    const identity = { kind: 'IDENTITY_DOCUMENT' as const, id: (await uploaded('IDENTITY_DOCUMENT')).id };
    expect(await checkCopy([identity])).toEqual([]);
    const missing = await checkCopy([]);
    expect(missing).toEqual([{ path: ['input', 'documents'], code: 'REQUIRED', message: 'Pièces manquantes : Pièce d’identité du demandeur.' }]);
    const asFile = await checkCopy([identity, { kind: 'ACT_REFERENCE', id: (await uploaded('ACT_REFERENCE')).id }]);
    expect(asFile).toEqual([{ path: ['input', 'documents', 1, 'kind'], code: 'INVALID', message: expect.stringContaining('se renseigne dans le formulaire') }]);
  });
});
