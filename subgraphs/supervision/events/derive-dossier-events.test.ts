import { describe, expect, it } from 'vitest';
import { connectedMinistries, DossierStatus, dossierStatuses, ministryOfLegacySystem, type LegacySystem } from '../../../schema/index.js';
import type { FeedChange } from '../ingestion/index.js';
import { deriveDossierEvents, recordStatuses, type KnownStatuses } from './derive-dossier-events.js';

const at = Date.parse('2026-11-20T10:00:00Z');

const change = (system: LegacySystem, key: string, status: DossierStatus, updatedMs = at): FeedChange => ({
  fact: { key, system, procedure: `${system.toUpperCase()}-PROC`, commune: null, status, submittedMs: at - 86_400_000, decidedMs: null, updatedMs },
  ownerNiu: `NIU-${key}`,
  ministryStatus: `libellé ${status}`,
});

/** What the issue asks for, written independently of the code: the expected event types of one transition. */
const expectedTypes = (previous: DossierStatus | null, next: DossierStatus): string[] => {
  if (previous === next) return [];
  const first = previous === null ? 'CREATED' : 'STATUS_CHANGED';
  return next === DossierStatus.ACTION_REQUIRED ? [first, 'ACTION_REQUIRED'] : [first];
};

const systems = connectedMinistries.map((m) => m.system.code);
const transitions = systems.flatMap((system) => [null, ...dossierStatuses].flatMap((previous) => dossierStatuses.map((next) => ({ system, previous, next }))));

describe('dossier events derived from a feed’s changes', () => {
  it('covers every system and every pair of statuses', () => {
    expect(transitions.length).toBe(systems.length * (dossierStatuses.length + 1) * dossierStatuses.length);
  });

  it.each(transitions)('$system: $previous → $next', ({ system, previous, next }) => {
    const key = `${system.toUpperCase()}-2026-000001`;
    const known: KnownStatuses = new Map(previous === null ? [] : [[key, previous]]);
    const events = deriveDossierEvents([change(system, key, next)], known);
    expect(events.map((e) => e.type)).toEqual(expectedTypes(previous, next));
    for (const event of events) {
      expect(event).toEqual({
        type: event.type,
        reference: key,
        ownerNiu: `NIU-${key}`,
        ministry: ministryOfLegacySystem[system],
        system,
        procedure: `${system.toUpperCase()}-PROC`,
        status: next,
        ministryStatus: `libellé ${next}`,
        previousStatus: previous,
        at: new Date(at).toISOString(),
      });
    }
    // Deriving does not record: the same changes after a failed save make the same events again.
    expect(known.get(key) ?? null).toBe(previous);
  });

  it('compares two versions of one dossier in one answer with each other, and records the last', () => {
    const known: KnownStatuses = new Map([['CEET-1', DossierStatus.SUBMITTED]]);
    const changes = [change('ceet', 'CEET-1', DossierStatus.IN_PROGRESS), change('ceet', 'CEET-1', DossierStatus.ACTION_REQUIRED), change('ceet', 'CEET-1', DossierStatus.ACTION_REQUIRED)];
    expect(deriveDossierEvents(changes, known).map((e) => [e.type, e.previousStatus, e.status])).toEqual([
      ['STATUS_CHANGED', 'SUBMITTED', 'IN_PROGRESS'],
      ['STATUS_CHANGED', 'IN_PROGRESS', 'ACTION_REQUIRED'],
      ['ACTION_REQUIRED', 'IN_PROGRESS', 'ACTION_REQUIRED'],
    ]);
    recordStatuses(known, changes);
    expect(known.get('CEET-1')).toBe(DossierStatus.ACTION_REQUIRED);
    expect(deriveDossierEvents(changes.slice(2), known)).toEqual([]);
  });
});
