import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildManifest, defaultManifestPath, serializeManifest } from '../../gateway/trusted-documents/index.js';
import { readShippedOperations } from './operation-sources.js';

describe('clients/trusted-documents.json', () => {
  it('is what every shipped operation builds to — clients/operations and each ministry subgraph’s operations/ (run `npm run documents` and commit it)', () => {
    const built = serializeManifest(buildManifest(readShippedOperations()));
    expect(readFileSync(defaultManifestPath(), 'utf8') === built, 'clients/trusted-documents.json is stale: run `npm run documents`').toBe(true);
  });
});
