import { writeFileSync } from 'node:fs';
import type { AuditRecord } from './audit-record.js';
import { canonicalJson } from './canonical-json.js';
import { createFileAuditStore } from './file-audit-store.js';
import { createMemoryAuditStore } from './memory-audit-store.js';
import { parseRecord } from './parse-record.js';
import { describeAuditStoreContract, describeAuditTrailContract } from './test-support/audit-store-contract.js';
import { readLines, tempLogPath, testKey, writeLines } from './test-support/audit-fixtures.js';

describeAuditStoreContract('memory store', async () => {
  const store = createMemoryAuditStore({ hmacKey: testKey });
  const records = store.records as AuditRecord[];
  return {
    store,
    reopen: () => store,
    async tamper(seq, change) {
      records[seq - 1] = change(records[seq - 1]!);
    },
    async cut(fromSeq) {
      records.splice(fromSeq - 1);
    },
  };
});

function fileStore() {
  const path = tempLogPath();
  const open = () => createFileAuditStore({ path, hmacKey: testKey, sync: false });
  const rewrite = (lines: string[]) => (lines.length === 0 ? writeFileSync(path, '') : writeLines(path, lines));
  return {
    store: open(),
    reopen: open,
    async tamper(seq: number, change: (record: AuditRecord) => AuditRecord) {
      rewrite(readLines(path).map((line) => (parseRecord(line)?.seq === seq ? canonicalJson(change(parseRecord(line)!)) : line)));
    },
    async cut(fromSeq: number) {
      rewrite(readLines(path).filter((line) => (parseRecord(line)?.seq ?? 0) < fromSeq));
    },
  };
}

describeAuditStoreContract('file store', async () => fileStore());
describeAuditTrailContract('file store', async () => fileStore());
