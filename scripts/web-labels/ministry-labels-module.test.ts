import { describe, expect, it } from 'vitest';
import { connectedMinistries, ministries } from '../../schema/index.js';
import { ministryLabelsModule } from './ministry-labels-module.js';

describe('the supervision room’s labels module', () => {
  it('gives the page every ministry’s short name and every system’s labels, from the registry', async () => {
    const labels = (await import(`data:text/javascript;base64,${Buffer.from(ministryLabelsModule()).toString('base64')}`)) as {
      ministryShortNames: Record<string, string>;
      systemLabels: Record<string, { short: string; long: string }>;
      communeNames: Record<string, string>;
      bodyNames: Record<string, string>;
    };
    expect(Object.keys(labels.ministryShortNames)).toEqual(ministries.map((m) => m.code));
    expect(labels.ministryShortNames).toMatchObject({ CIVIL_REGISTRY: 'État civil', ENERGY: 'Énergie (CEET)', MINES: 'Mines et Énergie (titres)' });
    expect(Object.keys(labels.systemLabels)).toEqual(connectedMinistries.map((m) => m.system.code));
    expect(labels.systemLabels.ceet).toEqual({ short: 'CEET', long: 'CEET (électricité)' });
    expect(Object.isFrozen(labels.systemLabels)).toBe(true);
    expect(labels.communeNames.GOLFE1).toBe('Golfe 1');
    expect(labels.bodyNames.ARSE).toBe('Autorité de réglementation du secteur de l’électricité (ARSE)');
  });
});
