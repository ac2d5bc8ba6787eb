import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgresServer, type PostgresServer } from '../scripts/servers/index.js';
import { documentsConfigFromEnv, documentsEnvSchema } from './documents-config.js';
import { openDocumentStore } from './open-document-store.js';

let server: PostgresServer;
const root = mkdtempSync(join(tmpdir(), 'guichet-open-documents-'));
beforeAll(async () => {
  server = await startPostgresServer();
});
afterAll(async () => {
  await server?.destroy();
  rmSync(root, { recursive: true, force: true });
});

const bytes = Buffer.from('%PDF-1.7 shared between two services');
const document = { owner: { subject: 's', niu: '100000000001' }, kind: 'SITE_PLAN' as const, mediaType: 'application/pdf' as const, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };

describe('openDocumentStore', () => {
  it('embedded: two services opening the same DOCUMENTS_PATH see the same documents', async () => {
    const config = documentsConfigFromEnv(documentsEnvSchema.parse({ DOCUMENTS_PATH: join(root, 'documents') }));
    const gateway = await openDocumentStore({ config });
    const subgraph = await openDocumentStore({ config });
    const stored = await gateway.put(document);
    expect((await subgraph.read(stored.id))?.equals(bytes)).toBe(true);
    await gateway.close();
    await subgraph.close();
  });

  it('scaled: with a database, both migrate it (once) and share the documents there, not on disk', async () => {
    const url = await server.createDatabase('open_documents');
    const config = documentsConfigFromEnv(documentsEnvSchema.parse({ DOCUMENTS_PATH: join(root, 'unused') }));
    const [gateway, subgraph] = await Promise.all([
      openDocumentStore({ config, database: { url, applicationName: 'test-gateway' } }),
      openDocumentStore({ config, database: { url, applicationName: 'test-subgraph' } }),
    ]);
    const stored = await gateway.put(document);
    expect((await subgraph.find(stored.id))?.sha256).toBe(document.sha256);
    expect((await subgraph.read(stored.id))?.equals(bytes)).toBe(true);
    expect(existsSync(join(root, 'unused'))).toBe(false);
    await gateway.close();
    await subgraph.close();
  });

  it('scaled with a database per component: DOCUMENTS_DATABASE_URL is the one store, whatever each service’s own DATABASE_URL', async () => {
    const documentsUrl = await server.createDatabase('documents_shared');
    const [gatewayOwn, subgraphOwn] = await Promise.all([server.createDatabase('gateway_own'), server.createDatabase('subgraph_own')]);
    const config = documentsConfigFromEnv(documentsEnvSchema.parse({ DOCUMENTS_DATABASE_URL: documentsUrl }));
    const gateway = await openDocumentStore({ config, database: { url: gatewayOwn, applicationName: 'test-gateway' } });
    const subgraph = await openDocumentStore({ config, database: { url: subgraphOwn, applicationName: 'test-subgraph' } });
    const stored = await gateway.put(document);
    expect((await subgraph.read(stored.id))?.equals(bytes)).toBe(true);
    await gateway.close();
    await subgraph.close();
    // Without it, each would have used its own database, and the subgraph would not find the upload.
    const apart = documentsConfigFromEnv(documentsEnvSchema.parse({}));
    const own = await openDocumentStore({ config: apart, database: { url: subgraphOwn, applicationName: 'test-subgraph' } });
    expect(await own.find(stored.id)).toBeUndefined();
    await own.close();
  });

  it('refuses a DOCUMENTS_DATABASE_URL that is not a PostgreSQL URL, without printing it', () => {
    const parsed = documentsEnvSchema.safeParse({ DOCUMENTS_DATABASE_URL: 'mysql://u:s3cret@h/d' });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).not.toContain('s3cret');
  });
});
