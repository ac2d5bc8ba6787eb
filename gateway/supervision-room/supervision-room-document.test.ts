import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { documentId } from '../trusted-documents/document-id.js';
import { supervisionRoomDocument } from './supervision-room-document.js';

describe('the SupervisionRoom document', () => {
  it('is the trusted document clients/operations/SupervisionRoom.graphql, byte for byte once printed', () => {
    const file = readFileSync(fileURLToPath(new URL('../../clients/operations/SupervisionRoom.graphql', import.meta.url)), 'utf8');
    expect(print(parse(file))).toBe(supervisionRoomDocument);
    const manifest = JSON.parse(readFileSync(fileURLToPath(new URL('../../clients/trusted-documents.json', import.meta.url)), 'utf8')) as { operations: { id: string; name: string }[] };
    expect(manifest.operations).toContainEqual(expect.objectContaining({ name: 'SupervisionRoom', id: documentId(supervisionRoomDocument) }));
  });
});
