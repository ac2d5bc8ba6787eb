import { communes } from '../legacy/world/index.js';

/** Applications written straight into CEET at a steady pace: the change feed then has something to ingest. */
export interface LegacyWriter {
  readonly written: number;
  readonly failed: number;
  stop(): Promise<void>;
}

/**
 * POSTs one electricity connection request to CEET every `1000 / perSecond` ms for the given applicants (citizens
 * the scenarios never ask about, so the measured reads do not grow with them). It bypasses the graph on purpose: the
 * room's ingestion is measured, not the write path, and both arms of the comparison get the same writes.
 */
export function startLegacyWriter(options: { readonly ceetUrl: string; readonly apiKey: string; readonly applicants: readonly string[]; readonly perSecond: number }): LegacyWriter {
  let written = 0;
  let failed = 0;
  let index = 0;
  const inFlight = new Set<Promise<void>>();
  const write = () => {
    const niu = options.applicants[index % options.applicants.length] as string;
    const request = postApplication(options, niu, index)
      .then((response) => {
        if (response.ok) written += 1;
        else failed += 1;
      })
      .catch(() => {
        failed += 1;
      })
      .finally(() => inFlight.delete(request));
    index += 1;
    inFlight.add(request);
  };
  const timer = options.perSecond > 0 ? setInterval(write, 1000 / options.perSecond) : undefined;
  return {
    get written() {
      return written;
    },
    get failed() {
      return failed;
    },
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
    },
  };
}

/** One electricity connection request for `niu`, in the `index`-th commune; the answer's body already read. */
export async function postApplication(target: { readonly ceetUrl: string; readonly apiKey: string }, niu: string, index: number): Promise<{ readonly ok: boolean; readonly status: number }> {
  const commune = communes[index % communes.length];
  const body = { niuDemandeur: niu, typeCompteur: 'MONO', commune: commune?.code, quartier: commune?.quarters[0] ?? 'Centre', titreFoncier: null, nombreAppareils: 3, referenceExterne: null };
  const response = await fetch(`${target.ceetUrl}/v1/demandes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': target.apiKey },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  });
  await response.arrayBuffer();
  return { ok: response.ok, status: response.status };
}
