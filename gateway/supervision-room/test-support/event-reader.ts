/** One Server-Sent Events frame as a test reads it. */
export interface Frame {
  readonly event: string;
  readonly data: Record<string, unknown>;
}

/** Reads SSE frames from a fetch response, one at a time, with a deadline per frame. */
export function eventReader(response: Response) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let ended = false;
  // A read that lost the race against a deadline is kept for the next call: its chunk must not be lost.
  let pending: ReturnType<typeof reader.read> | undefined;
  const frames: Frame[] = [];
  const take = (): Frame | undefined => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end === -1) return undefined;
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const lines = block.split('\n').filter((l) => !l.startsWith(':'));
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
      const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
      if (event && data) return { event, data: JSON.parse(data) as Record<string, unknown> };
    }
  };
  return {
    frames,
    /** The next frame, or `undefined` when the stream ended or nothing came within `timeoutMs`. */
    async next(timeoutMs = 2_000): Promise<Frame | undefined> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const frame = take();
        if (frame) {
          frames.push(frame);
          return frame;
        }
        if (ended) return undefined;
        const left = deadline - Date.now();
        if (left <= 0) return undefined;
        let timer: NodeJS.Timeout | undefined;
        pending ??= reader.read();
        const chunk = await Promise.race([pending, new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), left)))]);
        clearTimeout(timer);
        if (chunk === 'timeout') return undefined;
        pending = undefined;
        if (chunk.done) ended = true;
        else buffer += chunk.value;
      }
    },
    get ended() {
      return ended;
    },
    cancel: () => reader.cancel().catch(() => undefined),
  };
}
