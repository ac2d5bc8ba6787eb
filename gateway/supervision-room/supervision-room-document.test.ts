import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { normalizedDocumentKey } from '../trusted-documents/index.js';
import { supervisionRoomDocument } from './supervision-room-document.js';

describe('the SupervisionRoom document', () => {
  it('is the trusted document clients/operations/SupervisionRoom.graphql: the same printed file, the manifest entry up to __typename', () => {
    const file = readFileSync(fileURLToPath(new URL('../../clients/operations/SupervisionRoom.graphql', import.meta.url)), 'utf8');
    expect(print(parse(file))).toBe(supervisionRoomDocument);
    const manifest = JSON.parse(readFileSync(fileURLToPath(new URL('../../clients/trusted-documents.json', import.meta.url)), 'utf8')) as { operations: { name: string; body: string }[] };
    const room = manifest.operations.find((operation) => operation.name === 'SupervisionRoom');
    // The manifest holds the document as Apollo Client sends it (__typename added); the room sends it without.
    expect(room && normalizedDocumentKey(room.body)).toBe(normalizedDocumentKey(supervisionRoomDocument));
  });
});
