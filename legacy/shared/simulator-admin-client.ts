import type { FaultSettings, LatencySettings } from './knobs.js';

/** A simulator's live knobs, as `GET /__admin/faults` and `POST /__admin/reset` answer them. */
export interface SimulatorKnobs {
  readonly faults: FaultSettings;
  readonly latency: LatencySettings;
}

/** Per operation, how many calls the simulator counted since its last reset. */
export type SimulatorCalls = Readonly<Record<string, number>>;

/** A typed client of a simulator's admin endpoint (`/__admin/…`, see legacy/shared/fault-layer.ts). */
export interface SimulatorAdmin {
  calls(): Promise<SimulatorCalls>;
  resetCalls(): Promise<void>;
  /** Replaces the faults: whatever is not given goes back to the start-up value. */
  setFaults(faults: Readonly<Partial<FaultSettings>>): Promise<FaultSettings>;
  /** Changes the added latency (what is not given is kept); 0/0 means none. */
  setLatency(latency: Readonly<Partial<LatencySettings>>): Promise<LatencySettings>;
  knobs(): Promise<SimulatorKnobs>;
  /** Back to the start-up knobs, call counter zeroed. */
  reset(): Promise<SimulatorKnobs>;
  /**
   * Moves a dossier (by the system's own number) to `status` (the ministry's own status code), dated now: its change
   * feed reports it. Only the simulators with a change feed have it; answers the dossier in the system's shape.
   */
  setDossierStatus(legacyNumber: string, status: string): Promise<unknown>;
}

/** A simulator refused or failed an admin call; says which, what and why. */
export class SimulatorAdminError extends Error {
  constructor(
    readonly simulator: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'SimulatorAdminError';
  }
}

/** The admin client of the simulator at `baseUrl` (its origin); `name` is what errors call it (`rnec`, …). */
export function createSimulatorAdmin(baseUrl: string, name: string = baseUrl): SimulatorAdmin {
  const call = async <T>(what: string, method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}/__admin/${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new SimulatorAdminError(name, response.status, `${name} refused ${what}: HTTP ${response.status} ${text}`.trimEnd());
    return JSON.parse(text) as T;
  };
  return {
    calls: () => call<SimulatorCalls>('its call counter', 'GET', 'calls'),
    resetCalls: async () => {
      await call('to reset its call counter', 'DELETE', 'calls');
    },
    setFaults: async (faults) => (await call<{ faults: FaultSettings }>(`faults ${JSON.stringify(faults)}`, 'PUT', 'faults', faults)).faults,
    setLatency: async (latency) => (await call<{ latency: LatencySettings }>(`latency ${JSON.stringify(latency)}`, 'PUT', 'latency', latency)).latency,
    knobs: () => call<SimulatorKnobs>('its knobs', 'GET', 'faults'),
    reset: () => call<SimulatorKnobs>('its reset', 'POST', 'reset'),
    setDossierStatus: async (legacyNumber, status) =>
      (await call<{ dossier: unknown }>(`status ${status} for ${legacyNumber}`, 'POST', `dossiers/${encodeURIComponent(legacyNumber)}/status`, { status })).dossier,
  };
}
