import { defaultManifestPath, readManifest } from '../gateway/trusted-documents/index.js';
import { heavyCitizens } from '../legacy/world/index.js';
import type { DossierCountPoint } from './bench-figures.js';
import { benchWorldSeed } from './bench-world.js';
import { createCredentialPool, type BenchIdp } from './credential-pool.js';
import type { LegacyUrls } from './legacy-calls.js';
import { combineRuns, measureRun, warmUp } from './measure-target.js';
import type { Endpoint } from './start-targets.js';

export interface DossierCountOptions {
  readonly counts: readonly number[];
  /** Guichet's gateway: its URL and process. */
  readonly gateway: Omit<Endpoint, 'requests'>;
  readonly idp: BenchIdp;
  readonly internalTokenSecret: string;
  readonly legacyUrls: LegacyUrls;
  readonly connections: number;
  readonly durationS: number;
  readonly warmupS: number;
  readonly log: (line: string) => void;
}

/**
 * CitizenDashboard for citizens with 10, 100, 1,000… dossiers: the heavy citizens the simulators seed when the stack
 * runs with `HEAVY_CITIZENS` (legacy/world), three per count. Their NIUs come from `heavyCitizens(seed, counts)`;
 * each is checked first (its dashboard must count exactly that many dossiers), so a world without them yields a
 * reason to skip, never a wrong figure.
 */
export async function measureDossierCounts(options: DossierCountOptions): Promise<{ readonly points: DossierCountPoint[]; readonly skipped?: string }> {
  const citizens = heavyCitizens(benchWorldSeed, heavyCitizenCounts(options.counts));
  const query = readManifest(defaultManifestPath()).operations.find((o) => o.name === 'CitizenDashboard')?.body;
  if (query === undefined) return { points: [], skipped: 'CitizenDashboard is not in the trusted documents' };
  let credentials;
  try {
    credentials = await createCredentialPool({ idp: options.idp, internalTokenSecret: options.internalTokenSecret, callers: citizens.map((c) => ({ role: 'citizen', niu: c.niu })) });
  } catch (error) {
    return { points: [], skipped: `the IdP does not know the heavy citizens (does it read HEAVY_CITIZENS?): ${error instanceof Error ? error.message : String(error)}` };
  }
  const requests = citizens.map((citizen, index) => ({ citizen, body: Buffer.from(JSON.stringify({ query, variables: { niu: citizen.niu } })), caller: index }));
  for (const { citizen, body, caller } of requests) {
    const seen = await totalCount(options.gateway.url, body, credentials.at(caller).authorization ?? '');
    if (seen !== citizen.dossierCount) {
      return {
        points: [],
        skipped: `the stack's world has no citizen with ${citizen.dossierCount} dossiers (the dashboard of a heavy citizen counts ${seen ?? 'none'}): do the simulators read HEAVY_CITIZENS?`,
      };
    }
  }
  const points: DossierCountPoint[] = [];
  for (const dossiers of options.counts) {
    const mine = requests.filter((r) => r.citizen.dossierCount === dossiers);
    const endpoint: Endpoint = { ...options.gateway, requests: mine.map(({ body, caller }) => ({ body, caller })) };
    const settings = { connections: options.connections, offset: 0, sendInternalToken: false };
    options.log(`dossier count ${dossiers}: measuring CitizenDashboard`);
    await warmUp(endpoint, credentials, { ...settings, durationS: options.warmupS, runId: `dossiers-${dossiers}-warmup` });
    const run = await measureRun(endpoint, credentials, options.legacyUrls, { ...settings, durationS: options.durationS, runId: `dossiers-${dossiers}` });
    points.push({ dossiers, citizens: mine.length, figures: combineRuns('guichet', [run]) });
  }
  return { points };
}

/**
 * `HEAVY_CITIZENS` for the stack: each count three times (two with --quick would do too), so that requests rotate
 * over several citizens and no cache or de-duplication can answer them all from one.
 */
export function heavyCitizenCounts(counts: readonly number[]): number[] {
  return counts.flatMap((count) => [count, count, count]);
}

async function totalCount(url: string, body: Buffer, authorization: string): Promise<number | undefined> {
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body, signal: AbortSignal.timeout(60_000) });
    const json = (await response.json()) as { data?: { citizen?: { dossiers?: { totalCount?: unknown } | null } | null } };
    const count = json.data?.citizen?.dossiers?.totalCount;
    return typeof count === 'number' ? count : undefined;
  } catch {
    return undefined;
  }
}
