import { Counter, type Registry } from 'prom-client';
import type { ListingSeal, Opened, SealBinding, SealRefusal } from './listing-seal.js';

export interface CountedListingSeal {
  readonly seal: ListingSeal;
  registerMetrics(registry: Registry): void;
}

/**
 * The seal with its lookups counted by outcome: how many of a page's records came from the list's own read
 * (`opened`) and why the others were read again (a refusal) — what an operator watches to see the saving hold.
 */
export function countedListingSeal(seal: ListingSeal, system: string): CountedListingSeal {
  const counts = new Map<'opened' | SealRefusal, number>();
  const count = (outcome: 'opened' | SealRefusal) => counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  return {
    seal: {
      seal: (record, binding, remainingMs) => seal.seal(record, binding, remainingMs),
      open<R>(lookup: string, binding: SealBinding): Opened<R> {
        const opened = seal.open<R>(lookup, binding);
        count('record' in opened ? 'opened' : opened.refused);
        return opened;
      },
    },
    registerMetrics(registry) {
      new Counter({
        name: 'guichet_dossier_listing_seal_lookups_total',
        help: 'Page entity fetches by lookup, by outcome: opened from the list read earlier in the same request, or refused (plain reference, tampered, another caller, another trace, expired) and read by reference.',
        labelNames: ['system', 'outcome'],
        registers: [registry],
        collect() {
          this.reset();
          for (const [outcome, n] of counts) this.inc({ system, outcome }, n);
        },
      });
    },
  };
}
