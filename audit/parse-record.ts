import type { AuditRecord } from './audit-record.js';

const hex64 = /^[0-9a-f]{64}$/;

const isString = (value: unknown): value is string => typeof value === 'string';
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);

/**
 * One JSON line → a record, or undefined when it is not one (garbage, or a line cut short). Hand-written rather than
 * a zod schema: `audit:verify` runs it a million times. Extra fields are kept on purpose: a field an intruder adds
 * then changes the hash (computed over everything but `hash` and `mac`), where a stripping parser would hide it.
 */
export function parseRecord(line: string): AuditRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  return isAuditRecord(value) ? value : undefined;
}

function isAuditRecord(value: unknown): value is AuditRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const r: Readonly<Record<string, unknown>> = value as Readonly<Record<string, unknown>>;
  return (
    typeof r.seq === 'number' &&
    Number.isSafeInteger(r.seq) &&
    r.seq >= 1 &&
    isString(r.prevHash) &&
    hex64.test(r.prevHash) &&
    isString(r.hash) &&
    hex64.test(r.hash) &&
    isString(r.mac) &&
    hex64.test(r.mac) &&
    (r.keyId === undefined || isString(r.keyId)) &&
    isString(r.at) &&
    isString(r.subject) &&
    isString(r.role) &&
    (r.ministry === undefined || isString(r.ministry)) &&
    isString(r.clientId) &&
    isString(r.niu) &&
    (r.action === 'read' || r.action === 'write') &&
    (r.operationName === null || isString(r.operationName)) &&
    isStringArray(r.systems) &&
    (r.subgraphs === undefined || isStringArray(r.subgraphs)) &&
    isString(r.traceId)
  );
}
