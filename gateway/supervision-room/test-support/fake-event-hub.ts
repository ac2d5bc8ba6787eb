import type { DossierEvent } from '../../../events/index.js';
import { DossierStatus } from '../../../schema/index.js';
import type { RoomEventSource } from '../figures-news.js';

/** A stand-in for the process's dossier-event hub: events emitted by hand, a connection state set by hand. */
export interface FakeEventHub extends RoomEventSource {
  emit(event: DossierEvent): void;
  setConnected(connected: boolean): void;
  /** Listeners registered now (a poller that stopped must have left). */
  readonly listenerCount: number;
}

export function fakeEventHub(connected = true): FakeEventHub {
  const listeners = new Set<(event: DossierEvent) => void>();
  let isConnected = connected;
  return {
    live(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    connected: () => isConnected,
    emit(event) {
      for (const listener of [...listeners]) listener(event);
    },
    setConnected(value) {
      isConnected = value;
    },
    get listenerCount() {
      return listeners.size;
    },
  };
}

let cursor = 0;

/** A CEET status change, or what `overrides` make of it; each with the next cursor. */
export function dossierEvent(overrides: Partial<DossierEvent> = {}): DossierEvent {
  cursor += 1;
  return {
    cursor: String(cursor).padStart(12, '0'),
    type: 'STATUS_CHANGED',
    reference: 'CEET-2026-000123',
    ownerNiu: '100000000001',
    ministry: 'ENERGY',
    system: 'ceet',
    procedure: 'CEET-RACCORDEMENT-BT',
    status: DossierStatus.ACTION_REQUIRED,
    ministryStatus: '30',
    previousStatus: DossierStatus.IN_PROGRESS,
    at: new Date(Date.UTC(2026, 10, 23, 8)).toISOString(),
    ...overrides,
  };
}
