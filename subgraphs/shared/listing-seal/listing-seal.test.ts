import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../auth/index.js';
import { createListingSeal, referenceOfLookup } from './listing-seal.js';

const citizen: Principal = { subject: 'citizen-123456789012', role: 'citizen', niu: '123456789012', scopes: ['citizen'], clientId: 'portail-web' };
const record = { reference: 'CEET-2026-000123', applicantNiu: '123456789012', status: 'IN_PROGRESS', history: [{ status: 'SUBMITTED', at: '2026-01-02T10:00:00.000Z' }], quote: null };
const secret = 'listing-seal-test-secret-0123456789abcdef';

function sealAt(start = 1_000_000) {
  let clock = start;
  const seal = createListingSeal({ secret, subgraph: 'electricity', ttlMs: 8_000, now: () => clock });
  return { seal, advance: (ms: number) => void (clock += ms) };
}

describe('listing seal', () => {
  it('opens for the same caller and trace, giving back the record as sealed; the reference stays in clear', () => {
    const { seal } = sealAt();
    const sealed = seal.seal(record, { principal: citizen, traceId: 'trace-a' });
    expect(referenceOfLookup(sealed)).toBe(record.reference);
    expect(referenceOfLookup(record.reference)).toBe(record.reference);
    expect(sealed).not.toContain('IN_PROGRESS');
    expect(seal.open(sealed, { principal: citizen, traceId: 'trace-a' })).toEqual({ record });
  });

  it.each([
    ['another subject', { ...citizen, subject: 'citizen-999999999999', niu: '999999999999' }],
    ['another client', { ...citizen, clientId: 'app-mobile' }],
    ['other scopes', { ...citizen, scopes: ['citizen', 'dossiers:read'] }],
    ['another role', { ...citizen, role: 'integrator' as const }],
  ])('does not open for %s', (_name, principal) => {
    const { seal } = sealAt();
    const sealed = seal.seal(record, { principal: citizen, traceId: 'trace-a' });
    expect(seal.open(sealed, { principal, traceId: 'trace-a' })).toEqual({ refused: 'caller' });
  });

  it('does not open in another trace, nor without one, when sealed in a trace', () => {
    const { seal } = sealAt();
    const sealed = seal.seal(record, { principal: citizen, traceId: 'trace-a' });
    expect(seal.open(sealed, { principal: citizen, traceId: 'trace-b' })).toEqual({ refused: 'trace' });
    expect(seal.open(sealed, { principal: citizen })).toEqual({ refused: 'trace' });
  });

  it('sealed outside a trace, opens for the same caller in any trace until it expires', () => {
    const { seal } = sealAt();
    const sealed = seal.seal(record, { principal: citizen });
    expect(seal.open(sealed, { principal: citizen, traceId: 'trace-b' })).toEqual({ record });
  });

  it('expires with the request’s deadline, and never later than ttlMs', () => {
    const { seal, advance } = sealAt();
    const short = seal.seal(record, { principal: citizen, traceId: 't' }, 300);
    const long = seal.seal(record, { principal: citizen, traceId: 't' }, 60_000);
    advance(300);
    expect(seal.open(short, { principal: citizen, traceId: 't' })).toEqual({ record });
    advance(1);
    expect(seal.open(short, { principal: citizen, traceId: 't' })).toEqual({ refused: 'expired' });
    expect(seal.open(long, { principal: citizen, traceId: 't' })).toEqual({ record });
    advance(8_000);
    expect(seal.open(long, { principal: citizen, traceId: 't' })).toEqual({ refused: 'expired' });
  });

  it('refuses any altered byte, a seal moved onto another reference, a truncated box, and another ministry’s key', () => {
    const { seal } = sealAt();
    const binding = { principal: citizen, traceId: 't' };
    const sealed = seal.seal(record, binding);
    const box = sealed.slice(sealed.indexOf('~') + 1);
    const raw = Buffer.from(box, 'base64url');
    for (let i = 0; i < raw.length; i += 7) {
      const altered = Buffer.from(raw);
      altered[i] = (altered[i] ?? 0) ^ 0x01;
      expect(seal.open(`${record.reference}~${altered.toString('base64url')}`, binding)).toEqual({ refused: 'tampered' });
    }
    expect(seal.open(`CEET-2026-000124~${box}`, binding)).toEqual({ refused: 'tampered' });
    expect(seal.open(`${record.reference}~${box.slice(0, 20)}`, binding)).toEqual({ refused: 'tampered' });
    expect(seal.open(`${record.reference}~`, binding)).toEqual({ refused: 'tampered' });
    const other = createListingSeal({ secret, subgraph: 'building-permits', ttlMs: 8_000 });
    expect(other.open(sealed, binding)).toEqual({ refused: 'tampered' });
    const otherSecret = createListingSeal({ secret: `${secret}x`, subgraph: 'electricity', ttlMs: 8_000 });
    expect(otherSecret.open(sealed, binding)).toEqual({ refused: 'tampered' });
  });

  it('a plain reference is not a seal', () => {
    expect(sealAt().seal.open(record.reference, { principal: citizen })).toEqual({ refused: 'plain' });
  });

  it('two seals of the same record differ (fresh IV each time)', () => {
    const { seal } = sealAt();
    expect(seal.seal(record, { principal: citizen })).not.toBe(seal.seal(record, { principal: citizen }));
  });
});
