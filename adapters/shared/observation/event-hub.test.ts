import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEventHub } from './event-hub.js';

afterEach(() => vi.restoreAllMocks());

describe('createEventHub', () => {
  it('calls every listener synchronously, in order, until it unsubscribes', () => {
    const hub = createEventHub<number>('test', 'TestWarning');
    const seen: string[] = [];
    const stopA = hub.subscribe((n) => seen.push(`a${n}`));
    hub.subscribe((n) => seen.push(`b${n}`));
    hub.record(1);
    stopA();
    hub.record(2);
    expect(seen).toEqual(['a1', 'b1', 'b2']);
  });

  it('reports a throwing listener as a named warning and still calls the others', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const hub = createEventHub<number>('test', 'TestWarning');
    const seen: number[] = [];
    hub.subscribe(() => {
      throw new Error('boom');
    });
    hub.subscribe((n) => seen.push(n));
    expect(() => hub.record(7)).not.toThrow();
    expect(seen).toEqual([7]);
    expect(warn).toHaveBeenCalledWith('test listener failed: boom', 'TestWarning');
  });
});
