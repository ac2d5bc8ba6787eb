import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { legacySystems } from '../../schema/index.js';
import { ceetRoutes } from '../ceet/ceet-routes.js';
import { CeetStore } from '../ceet/ceet-store.js';
import { DossierStore as MinesStore } from '../mines/dossier-store.js';
import { CompanyRegister } from '../mines/company-register.js';
import { minesRoutes } from '../mines/routes.js';
import { rnecV2Operations } from '../rnec/v2/index.js';
import { DossierStore as UrbanismeStore } from '../urbanisme/dossier-store.js';
import { urbanismeRoutes } from '../urbanisme/routes.js';
import { feedOperations } from './feed-operations.js';
import { matchRoute, type RouteShape } from './route-table.js';

const feedOf = (routes: readonly RouteShape[], url: string) => matchRoute(routes, 'GET', url)?.operation;

describe('feedOperations', () => {
  it('has a row for every system', () => {
    expect(Object.keys(feedOperations).sort()).toEqual([...legacySystems].sort());
  });

  it('names the operation each simulator counts for its change feed', () => {
    expect(feedOperations.ceet).toEqual([feedOf(ceetRoutes(new CeetStore([])), '/v1/demandes/modifiees?depuis=x')]);
    expect(feedOperations.urbanisme).toEqual([feedOf(urbanismeRoutes(new UrbanismeStore([]), new Map()), '/api/dossiers/changements?depuis=x')]);
    expect(feedOperations.mines).toEqual([feedOf(minesRoutes(new MinesStore([]), new CompanyRegister([])), '/api/v2/mouvements?depuis=x')]);
    const [soap, v2] = feedOperations.rnec;
    expect(readFileSync(new URL('../rnec/rnec.wsdl', import.meta.url), 'utf8')).toContain(`name="${soap ?? ''}"`);
    expect(rnecV2Operations).toContain(v2);
  });
});
