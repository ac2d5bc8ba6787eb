import { describe, expect, it } from 'vitest';
import { dossierEventTypes } from '../../events/index.js';
import { ministries, procedures } from '../../schema/index.js';
import { eventConcernsFilter, figuresNewsFrom } from './figures-news.js';
import type { SupervisionFilter } from './supervision-filter.js';
import { dossierEvent, fakeEventHub } from './test-support/fake-event-hub.js';

/** Every event type of every procedure of the catalogue, against filters by ministry, procedure, commune and period. */
const feedTypes = new Set(['CREATED', 'STATUS_CHANGED', 'ACTION_REQUIRED']);
const events = dossierEventTypes.flatMap((type) => procedures.map((p) => dossierEvent({ type, ministry: p.ministry, procedure: p.code })));

describe('eventConcernsFilter', () => {
  it('hears every feed event, and no outbox outcome, without a filter or with only a commune and a period', () => {
    for (const filter of [{}, { commune: 'GOLFE1' }, { from: '2020-01-01', to: '2020-01-31' }] satisfies SupervisionFilter[]) {
      for (const event of events) expect(eventConcernsFilter(event, filter), `${event.type} ${event.procedure} ${JSON.stringify(filter)}`).toBe(feedTypes.has(event.type));
    }
  });

  it('hears a ministry’s own feed events only', () => {
    for (const { code } of ministries) {
      const heard = events.filter((event) => eventConcernsFilter(event, { ministry: code, commune: 'GOLFE1' }));
      expect(heard.every((e) => e.ministry === code && feedTypes.has(e.type))).toBe(true);
      expect(heard).toHaveLength(events.filter((e) => e.ministry === code && feedTypes.has(e.type)).length);
    }
  });

  it('hears a procedure’s own feed events only, and none when ministry and procedure disagree', () => {
    for (const procedure of procedures) {
      const heard = events.filter((event) => eventConcernsFilter(event, { procedure: procedure.code }));
      expect(heard.map((e) => `${e.procedure} ${e.type}`).sort()).toEqual([...feedTypes].map((t) => `${procedure.code} ${t}`).sort());
      expect(events.filter((event) => eventConcernsFilter(event, { ministry: procedure.ministry, procedure: procedure.code }))).toHaveLength(feedTypes.size);
      const elsewhere = ministries.find((m) => m.code !== procedure.ministry)!.code;
      expect(events.filter((event) => eventConcernsFilter(event, { ministry: elsewhere, procedure: procedure.code }))).toHaveLength(0);
    }
  });
});

describe('figuresNewsFrom', () => {
  it('passes on the events of its filter, is live while the hub is connected, and leaves the hub when unsubscribed', () => {
    const hub = fakeEventHub();
    const news = figuresNewsFrom(hub, { ministry: 'ENERGY' });
    let heard = 0;
    const unsubscribe = news.subscribe(() => {
      heard += 1;
    });
    hub.emit(dossierEvent({ ministry: 'ENERGY' }));
    hub.emit(dossierEvent({ ministry: 'URBAN_PLANNING', procedure: 'URB-PERMIS-CONSTRUIRE' }));
    expect(heard).toBe(1);
    expect(news.live()).toBe(true);
    hub.setConnected(false);
    expect(news.live()).toBe(false);
    unsubscribe();
    expect(hub.listenerCount).toBe(0);
    hub.emit(dossierEvent({ ministry: 'ENERGY' }));
    expect(heard).toBe(1);
  });
});
