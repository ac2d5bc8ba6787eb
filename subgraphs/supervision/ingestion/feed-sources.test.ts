import { describe, expect, it } from 'vitest';
import { connectedMinistries, legacySystems, type LegacySystem } from '../../../schema/index.js';
import { eventOwnerOf, loadFeedSources } from './feed-sources.js';
import { loadAdapterKit } from './load-adapter-kit.js';

describe('feed sources', () => {
  it('reads one feed per connected ministry of the registry, through its adapter kit, in registry order', async () => {
    const sources = await loadFeedSources();
    expect(sources.map((s) => s.system)).toEqual(legacySystems);
    const env = Object.fromEntries(connectedMinistries.map((m) => [m.system.urlEnv, `http://127.0.0.1:9/${m.system.code}`]));
    const limits = { timeoutMs: 1_234, maxResponseBytes: 5_678 };
    for (const source of sources) {
      // The adapter's own variables are the subgraph's: each names its system.
      expect(
        Object.keys(source.envSchema.shape).every((name) => name.startsWith(`${source.system.toUpperCase()}_`)),
        source.system,
      ).toBe(true);
      const feed = source.configure(env, limits);
      expect(feed.source, source.system).toContain(`/${source.system}`);
      expect(feed.options).toMatchObject(limits);
      expect(feed.open().system).toBe(source.system);
    }
  });

  it('loads a kit by its system name, and fails for a system without an adapter folder', async () => {
    await expect(loadAdapterKit('nowhere' as LegacySystem)).rejects.toThrow();
    await expect(loadAdapterKit('ceet')).resolves.toMatchObject({ system: 'ceet' });
  });

  it('makes a company’s dossier events the company’s (its audit subject), a person’s their own', () => {
    expect(eventOwnerOf({ applicantNiu: '111111111111' })).toBe('111111111111');
    expect(eventOwnerOf({ applicantNiu: '111111111111', company: null })).toBe('111111111111');
    expect(eventOwnerOf({ applicantNiu: '111111111111', company: { nif: '1000000016' } })).toBe('company:1000000016');
  });
});
