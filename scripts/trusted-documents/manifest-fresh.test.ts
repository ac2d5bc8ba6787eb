import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultManifestPath } from '../../gateway/trusted-documents/index.js';
import { serializeManifest } from './build-manifest.js';
import { buildShippedManifest } from './shipped-manifest.js';

describe('clients/trusted-documents.json', () => {
  it('is what every shipped operation builds to — clients/operations and each ministry subgraph’s operations/ (run `npm run documents` and commit it)', async () => {
    const built = serializeManifest(await buildShippedManifest());
    expect(readFileSync(defaultManifestPath(), 'utf8') === built, 'clients/trusted-documents.json is stale: run `npm run documents`').toBe(true);
  });
});
