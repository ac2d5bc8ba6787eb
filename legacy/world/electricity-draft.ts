import { ceetFlow } from './flows.js';
import type { Random } from './random.js';
import type { ElectricityRequest } from './types.js';

/** A low-voltage connection request filed at `startMs`, walked through CEET's stages up to the world's today. */
export function electricityDraft(random: Random, niu: string, commune: string, quarter: string, landTitle: string | null, startMs: number, nowMs: number): Omit<ElectricityRequest, 'numero'> {
  const meterType = random.chance(0.85) ? 'MONO' : 'TRI';
  const history = ceetFlow(random, startMs, nowMs);
  const quoted = history.some((s) => s.status === 30);
  return {
    niu,
    externalReference: null,
    meterType,
    commune,
    quarter,
    landTitle,
    applianceCount: random.int(3, meterType === 'TRI' ? 40 : 15),
    filingFeeFcfa: 1_500,
    quoteAmountFcfa: quoted ? (meterType === 'TRI' ? random.int(28, 90) : random.int(8, 30)) * 5_000 : null,
    history,
  };
}
