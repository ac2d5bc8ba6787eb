import { describe, expect, it } from 'vitest';
import type { LastKnown } from '../last-known.js';
import { dossier, fakeClock, type FakeDossier } from './fake-system.js';

/**
 * A store as two replicas see it: `writer` remembers, `reader` recalls (the same store in a single process).
 * `settle` waits until what `writer` remembered can be recalled by `reader`.
 */
export interface LastKnownUnderTest {
  readonly writer: LastKnown<FakeDossier>;
  readonly reader: LastKnown<FakeDossier>;
  settle(): Promise<void>;
}

export type LastKnownFactory = (options: { readonly clock: () => number; readonly maxAgeMs: number }) => Promise<LastKnownUnderTest> | LastKnownUnderTest;

const dayMs = 24 * 60 * 60 * 1000;

/** What every last-known store must do, the in-process LRU and the shared one alike. */
export function describeLastKnownContract(name: string, factory: LastKnownFactory): void {
  describe(`${name}: last-known contract`, () => {
    const open = async () => {
      const time = fakeClock();
      const store = await factory({ clock: time.clock, maxAgeMs: dayMs });
      return { time, ...store };
    };

    it('serves what was read, with when it was read; nothing for what never was', async () => {
      const { time, writer, reader, settle } = await open();
      const seenAt = time.iso();
      writer.rememberRecord('CEET-1', dossier('CEET-1'));
      await settle();
      time.advance(60_000);
      expect(await reader.recallRecord('CEET-1')).toEqual({ value: dossier('CEET-1'), asOf: seenAt });
      expect(await reader.recallRecord('CEET-2')).toBeUndefined();
    });

    it('serves the latest of two reads', async () => {
      const { time, writer, reader, settle } = await open();
      writer.rememberRecord('CEET-1', dossier('CEET-1'));
      time.advance(1_000);
      writer.rememberRecord('CEET-1', dossier('CEET-1', '1234567890', 'APPROVED'));
      await settle();
      expect(await reader.recallRecord('CEET-1')).toEqual({ value: dossier('CEET-1', '1234567890', 'APPROVED'), asOf: time.iso() });
    });

    it('forgets a key the system no longer knows', async () => {
      const { writer, reader, settle } = await open();
      writer.rememberRecord('CEET-1', dossier('CEET-1'));
      await settle();
      writer.forgetRecord('CEET-1');
      await settle();
      expect(await reader.recallRecord('CEET-1')).toBeUndefined();
    });

    it('serves a list in order, each record with its own instant, under its own key space', async () => {
      const { time, writer, reader, settle } = await open();
      const listedAt = time.iso();
      expect(writer.rememberList('1234567890', [['CEET-1', dossier('CEET-1')] as const, ['CEET-2', dossier('CEET-2')] as const])).toBe(true);
      time.advance(5_000);
      writer.rememberRecord('CEET-2', dossier('CEET-2', '1234567890', 'APPROVED'));
      writer.rememberRecord('1234567890', dossier('1234567890'));
      await settle();
      expect(await reader.recallList('1234567890')).toEqual({
        asOf: listedAt,
        records: [
          { value: dossier('CEET-1'), asOf: listedAt },
          { value: dossier('CEET-2', '1234567890', 'APPROVED'), asOf: time.iso() },
        ],
      });
      expect((await reader.recallRecord('1234567890'))?.value).toEqual(dossier('1234567890'));
      expect(await reader.recallList('0000000000')).toBeUndefined();
    });

    it('serves an empty list as empty, and no list once one of its records is forgotten', async () => {
      const { time, writer, reader, settle } = await open();
      writer.rememberList('empty', []);
      writer.rememberList('1234567890', [['CEET-1', dossier('CEET-1')] as const, ['CEET-2', dossier('CEET-2')] as const]);
      await settle();
      expect(await reader.recallList('empty')).toEqual({ asOf: time.iso(), records: [] });
      writer.forgetRecord('CEET-2');
      await settle();
      expect(await reader.recallList('1234567890')).toBeUndefined();
    });

    it('serves nothing older than its maximum age', async () => {
      const { time, writer, reader, settle } = await open();
      writer.rememberRecord('CEET-1', dossier('CEET-1'));
      writer.rememberList('1234567890', [['CEET-1', dossier('CEET-1')] as const]);
      await settle();
      time.advance(dayMs - 1);
      expect(await reader.recallRecord('CEET-1')).toBeDefined();
      time.advance(1);
      expect(await reader.recallRecord('CEET-1')).toBeUndefined();
      expect(await reader.recallList('1234567890')).toBeUndefined();
    });
  });
}
