import { formatCursor } from '../../../../events/index.js';
import type { AttemptOutcome, NewDelivery, NewWebhook } from '../webhook.js';
import type { AttemptRecord } from '../webhook-store.js';

/** The contract's epoch: every time it passes is this plus a few ms (the stores never read a clock of their own). */
export const T0 = Date.UTC(2026, 0, 15, 8, 0, 0);

export function newWebhook(n: number, overrides: Partial<NewWebhook> = {}): NewWebhook {
  return {
    id: `wh_${String(n).padStart(4, '0')}`,
    ownerSubject: 'integrator-a',
    url: `https://hooks.example.tg/guichet/${n}`,
    description: n % 2 === 0 ? null : `Réception des dossiers n°${n} — « accentués »`,
    eventTypes: n % 3 === 0 ? ['STATUS_CHANGED'] : ['STATUS_CHANGED', 'CREATED', 'ACTION_REQUIRED'],
    ministries: n % 2 === 0 ? ['ENERGY'] : ['URBAN_PLANNING', 'ENERGY', 'CIVIL_REGISTRY'],
    includeOwnerNiu: n % 2 === 1,
    sealedSecret: `sealed:v1:${'x'.repeat(n % 7)}${n}`,
    createdAt: T0 + n,
    ...overrides,
  };
}

/** A delivery of the event numbered `event` to `webhookId`; `id` defaults to one derived from both. */
export function eventDelivery(webhookId: string, event: number, id = `msg_${webhookId}_${event}`): NewDelivery {
  return {
    id,
    webhookId,
    eventCursor: formatCursor(event),
    eventType: 'dossier.status_changed',
    payload: JSON.stringify({ type: 'dossier.status_changed', timestamp: '2026-01-15T08:00:00Z', data: { cursor: formatCursor(event), reference: `CEET-2026-${event}`, note: 'é\u2028"' } }),
  };
}

export function testDelivery(webhookId: string, id: string): NewDelivery {
  return { id, webhookId, eventCursor: null, eventType: 'webhook.test', payload: JSON.stringify({ type: 'webhook.test', data: { webhookId } }) };
}

export function attempt(owner: string, at: number, outcome: AttemptOutcome, overrides: Partial<AttemptRecord> = {}): AttemptRecord {
  const ok = outcome.state === 'SUCCEEDED';
  return { owner, at, statusCode: ok ? 200 : 503, error: ok ? null : 'HTTP 503 Service Unavailable', durationMs: 12.5, outcome, ...overrides };
}

/** A small deterministic generator (mulberry32): the matrices are the same on every run and every store. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const a = copy[i] as T;
    copy[i] = copy[j] as T;
    copy[j] = a;
  }
  return copy;
}

/** Byte order, as the SQL stores' binary collation compares ids. */
export const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
