/**
 * Waits until the stack's gateway says `ready` (every subgraph up, every legacy circuit closed, no outbox backlog),
 * at most `timeoutMs`: a circuit one target's run opened would otherwise fail the next target's run, and the
 * figures would measure the order of the targets. Resolves with how long it waited, or null if it gave up.
 */
export async function waitForClosedCircuits(readyUrl: string, timeoutMs = 30_000): Promise<number | null> {
  const startedAt = Date.now();
  for (;;) {
    try {
      const response = await fetch(readyUrl, { signal: AbortSignal.timeout(2_000) });
      const body = (await response.json()) as { status?: unknown };
      if (response.ok && body.status === 'ready') return Date.now() - startedAt;
    } catch {
      // Not answering is not ready: try again.
    }
    if (Date.now() - startedAt > timeoutMs) return null;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
