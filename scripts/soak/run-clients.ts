import { setTimeout as sleep } from 'node:timers/promises';
import type { PlannedSubmission } from './plan-submissions.js';
import { submitWithRetries, type SubmissionOutcome, type SubmitContext } from './submit-with-retries.js';

export interface RunClientsOptions {
  readonly concurrency: number;
  /** When submission i may start (epoch ms): waves of `concurrency` submissions, spread over the chaos window. */
  readonly releaseAt: (index: number) => number;
  readonly context: SubmitContext;
  readonly log: (line: string) => void;
}

/**
 * `concurrency` clients working through the plan, each submission released at its time, so that bursts of
 * concurrent filings keep arriving while faults change and services are killed. Resolves with one outcome per
 * planned submission, in plan order.
 */
export async function runClients(plan: readonly PlannedSubmission[], { concurrency, releaseAt, context, log }: RunClientsOptions): Promise<SubmissionOutcome[]> {
  const outcomes: SubmissionOutcome[] = new Array<SubmissionOutcome>(plan.length);
  let next = 0;
  let settled = 0;
  const progress = setInterval(() => log(`clients: ${Math.min(next, plan.length)}/${plan.length} started, ${settled} settled`), 10_000);
  progress.unref();
  const worker = async () => {
    for (;;) {
      const index = next;
      next += 1;
      const planned = plan[index];
      if (!planned) return;
      const start = releaseAt(index);
      if (start >= context.hardDeadline) {
        outcomes[index] = { planned, result: 'not-attempted', attempts: 0, retryCauses: [] };
      } else {
        await sleep(Math.max(0, start - Date.now()));
        outcomes[index] = Date.now() >= context.hardDeadline ? { planned, result: 'not-attempted', attempts: 0, retryCauses: [] } : await submitWithRetries(planned, context);
      }
      settled += 1;
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    clearInterval(progress);
  }
  return outcomes;
}
