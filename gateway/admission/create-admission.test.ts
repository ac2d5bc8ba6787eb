import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createAdmission } from './create-admission.js';

interface Line {
  readonly level: number;
  readonly msg: string;
}

const WARN = 40;

/** An admission watching the event loop, its log lines captured. */
function watched() {
  const lines: Line[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Line) });
  const admission = createAdmission({ maxInFlight: 4, minInFlight: 1, queue: 0, queueTimeoutMs: 100, eventLoopDelayMs: 20, retryAfterMs: 1_000, requestDeadlineMs: 5_000 }, log);
  return { admission, lines };
}

const block = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('admission log lines', () => {
  it('says a stall with no request waiting at info (start-up composition), and a stall under requests as a warning', async () => {
    const idle = watched();
    try {
      await sleep(50);
      block(900);
      await expect.poll(() => idle.admission.saturated(), { timeout: 3_000, interval: 20 }).toBe(true);
      expect(idle.lines.some((l) => l.msg.startsWith('gateway event loop delayed with no request waiting'))).toBe(true);
      expect(idle.lines.filter((l) => l.level >= WARN)).toEqual([]);
    } finally {
      idle.admission.close();
    }

    const busy = watched();
    try {
      const slot = await busy.admission.limiter.acquire();
      expect(slot.admitted).toBe(true);
      await sleep(50);
      block(900);
      await expect.poll(() => busy.lines.some((l) => l.level === WARN && l.msg === 'gateway saturated: refusing beyond capacity'), { timeout: 3_000, interval: 20 }).toBe(true);
      if (slot.admitted) slot.release();
    } finally {
      busy.admission.close();
    }
  });
});
