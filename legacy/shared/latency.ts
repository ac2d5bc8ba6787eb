import type { LatencySettings } from './knobs.js';

const Z95 = 1.6448536269514722;

/**
 * Draws an added latency from a log-normal distribution with the given median and 95th percentile:
 * legacy systems are mostly quick with a long tail, never constant.
 */
export function drawLatencyMs(settings: LatencySettings, random: () => number = Math.random): number {
  const { medianMs, p95Ms } = settings;
  if (medianMs <= 0 && p95Ms <= 0) return 0;
  if (medianMs <= 0) return random() * p95Ms;
  const sigma = p95Ms > medianMs ? Math.log(p95Ms / medianMs) / Z95 : 0;
  // Box–Muller: one standard normal draw.
  const u1 = Math.max(random(), Number.EPSILON);
  const u2 = random();
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  return Math.round(medianMs * Math.exp(sigma * z));
}
