import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryReadModelStore, createSqliteReadModelStore } from './index.js';
import { describeReadModelStoreContract } from './test-support/read-model-store-contract.js';

describeReadModelStoreContract('memory', { durable: false, storage: () => ({ open: () => createMemoryReadModelStore() }) });

describeReadModelStoreContract('sqlite', {
  durable: true,
  storage: () => {
    const path = join(mkdtempSync(join(tmpdir(), 'guichet-supervision-')), 'read-model.sqlite');
    return { open: (sources) => createSqliteReadModelStore({ path, sources }) };
  },
});
