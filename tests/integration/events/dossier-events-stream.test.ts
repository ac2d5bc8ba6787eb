import { describe, expect, inject, it } from 'vitest';
import { INTERNAL_TOKEN_HEADER } from '../../../auth/index.js';
import { dossierEventSchema, formatCursor, parseCursor, type DossierEvent } from '../../../events/index.js';
import { createSimulatorAdmin } from '../../../legacy/shared/index.js';
import { openSse, type SseConnection, type SseFrame } from '../../../subgraphs/supervision/events/test-support/sse-reader.js';
import { internalTokenFor } from '../../support/tokens.js';
import { atVisitFor } from '../../support/subjects.js';
import type { ElectricityRequest } from '../../../legacy/world/index.js';

/**
 * The internal dossier-event stream of the real stack: a status change made in the CEET simulator (its admin
 * operation, as an agent would) reaches the supervision subgraph's stream through CEET's change feed.
 */
const streamUrl = () => `${new URL(inject('serviceUrls').supervision as string).origin}/internal/dossier-events`;
const gatewayPrincipal = { subject: 'gateway', role: 'supervisor', scopes: ['supervisor'], clientId: 'gateway' } as const;
const open = async (query = '', headers: Record<string, string> = {}) => openSse(`${streamUrl()}${query}`, { [INTERNAL_TOKEN_HEADER]: await internalTokenFor(gatewayPrincipal), ...headers });

const eventOf = (frame: SseFrame): DossierEvent => dossierEventSchema.parse(JSON.parse(frame.data ?? 'null'));
const isEventFor = (reference: string, type: DossierEvent['type']) => (frame: SseFrame) => frame.event === 'dossier' && eventOf(frame).reference === reference && eventOf(frame).type === type;

describe('internal dossier-event stream (supervision subgraph, real stack)', () => {
  it('refuses a caller without the gateway’s internal token', async () => {
    const refused = await openSse(streamUrl());
    expect(refused.status).toBe(401);
  });

  it('streams STATUS_CHANGED (and ACTION_REQUIRED) with the right owner after a status change in CEET; resumes from a cursor', async () => {
    // A request at « visite programmée » (20), moved to « devis émis » (30): ACTION_REQUIRED for the citizen.
    const [request] = atVisitFor('dossierEventsStream') as [ElectricityRequest];
    const reference = `CEET-${request.numero}`;
    const connections: SseConnection[] = [];
    try {
      const live = await open();
      connections.push(live);
      expect(live.status).toBe(200);
      await live.until((f) => f.retry !== undefined);
      await createSimulatorAdmin(inject('legacyUrls').ceet, 'ceet').setDossierStatus(request.numero, '30');

      const changed = eventOf(await live.until(isEventFor(reference, 'STATUS_CHANGED')));
      expect(changed).toMatchObject({
        type: 'STATUS_CHANGED',
        reference,
        ownerNiu: request.niu,
        ministry: 'ENERGY',
        system: 'ceet',
        procedure: 'CEET-RACCORDEMENT-BT',
        status: 'ACTION_REQUIRED',
        previousStatus: 'IN_PROGRESS',
      });
      expect(changed.ministryStatus).toEqual(expect.any(String));
      const actionRequired = eventOf(await live.until(isEventFor(reference, 'ACTION_REQUIRED')));
      expect(parseCursor(actionRequired.cursor)).toBe((parseCursor(changed.cursor) ?? 0n) + 1n);
      expect(live.frames.find(isEventFor(reference, 'CREATED'))).toBeUndefined();

      // A reader that had the event before STATUS_CHANGED gets exactly the same two events again, in order.
      const before = formatCursor((parseCursor(changed.cursor) ?? 1n) - 1n);
      const resumed = await open('', { 'last-event-id': before });
      connections.push(resumed);
      await resumed.until((f) => f.id === actionRequired.cursor);
      const replayed = resumed.frames.filter((f) => f.event === 'dossier').map(eventOf);
      expect(replayed.slice(0, 2)).toEqual([changed, actionRequired]);
    } finally {
      for (const connection of connections) connection.close();
    }
  });
});
