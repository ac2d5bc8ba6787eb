import { createShadowRunner, type ShadowEvents } from '../../shared/index.js';
import type { RnecAdapter } from '../types.js';
import { modeOf, rnecWriteOperations, type RnecAdapterOperation, type RnecRouting } from './rnec-routing.js';

export interface RnecPaths {
  /** Each path's adapter for answering requests (the system's policy). */
  readonly soap: () => RnecAdapter;
  readonly rest: () => RnecAdapter;
  /** Each path's adapter for shadow calls (an isolated policy: its failures never touch the answering path). */
  readonly shadowSoap: () => RnecAdapter;
  readonly shadowRest: () => RnecAdapter;
}

type Method<K extends RnecAdapterOperation> = (...args: Parameters<RnecAdapter[K]>) => Promise<Awaited<ReturnType<RnecAdapter[K]>>>;

const methodOf = <K extends RnecAdapterOperation>(adapter: RnecAdapter, name: K): Method<K> => adapter[name] as Method<K>;

/**
 * The civil registry behind one adapter whatever the API, chosen per operation (RnecRouting): `soap`, `rest`, or
 * `shadow` — the primary path answers, the other is called alongside and compared, reads only. A write in shadow
 * mode goes to the primary alone.
 */
export function createRoutedRnecAdapter(routing: RnecRouting, paths: RnecPaths, events?: ShadowEvents): RnecAdapter {
  const primaryName = routing.shadowPrimary ?? 'soap';
  const secondaryName = primaryName === 'soap' ? 'rest' : 'soap';
  const runner = createShadowRunner({
    system: 'rnec',
    primary: primaryName,
    secondary: secondaryName,
    timeoutMs: routing.shadowTimeoutMs ?? 2_000,
    maxInFlight: routing.shadowMaxInFlight ?? 16,
    ...(events ? { events } : {}),
  });

  const route = <K extends RnecAdapterOperation>(name: K): RnecAdapter[K] => {
    const mode = modeOf(routing, name);
    if (mode === 'soap') return methodOf(paths.soap(), name) as RnecAdapter[K];
    if (mode === 'rest') return methodOf(paths.rest(), name) as RnecAdapter[K];
    const primary = methodOf(primaryName === 'soap' ? paths.soap() : paths.rest(), name);
    if (rnecWriteOperations.has(name)) return primary as RnecAdapter[K];
    const secondary = methodOf(primaryName === 'soap' ? paths.shadowRest() : paths.shadowSoap(), name);
    const shadowed = (...args: Parameters<RnecAdapter[K]>) =>
      runner.run<Awaited<ReturnType<RnecAdapter[K]>>>(
        name,
        () => primary(...args),
        () => secondary(...args),
      );
    return shadowed as RnecAdapter[K];
  };

  return {
    getCitizen: route('getCitizen'),
    getCitizens: route('getCitizens'),
    listActs: route('listActs'),
    getAct: route('getAct'),
    getActs: route('getActs'),
    requestCopy: route('requestCopy'),
    getCopyRequest: route('getCopyRequest'),
    getCopyRequests: route('getCopyRequests'),
    findCopyRequestByExternalReference: route('findCopyRequestByExternalReference'),
    listCopyRequests: route('listCopyRequests'),
    listChangedCopyRequests: route('listChangedCopyRequests'),
    listPieces: route('listPieces'),
    sendPieces: route('sendPieces'),
  };
}
