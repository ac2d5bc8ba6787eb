import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { allowedMethods, matchRoute, operationOf, UNKNOWN_OPERATION, type RouteShape } from './route-table.js';

const routes: RouteShape[] = [
  { method: 'GET', pattern: /^\/dossiers\/([^/]+)\/?$/, operation: 'consulter' },
  { method: 'GET', pattern: /^\/dossiers\/?$/, operation: 'parNumeros', when: (query) => query.has('numeros') },
  { method: 'GET', pattern: /^\/dossiers\/?$/, operation: (query) => (query.has('nui') ? 'listerParNui' : 'lister') },
  { method: 'POST', pattern: /^\/dossiers\/?$/, operation: 'deposer' },
];

const request = (method: string, url: string) => ({ method, url }) as IncomingMessage;

describe('matchRoute', () => {
  it('takes the first route of the method whose pattern and condition hold, with decoded params', () => {
    expect(matchRoute(routes, 'GET', '/dossiers/2026%2F000001')).toMatchObject({ operation: 'consulter', params: ['2026/000001'] });
    expect(matchRoute(routes, 'GET', '/dossiers?numeros=a,b')?.operation).toBe('parNumeros');
    expect(matchRoute(routes, 'POST', '/dossiers')?.operation).toBe('deposer');
  });

  it('names the operation from the query when the route says so', () => {
    expect(matchRoute(routes, 'GET', '/dossiers?nui=123')?.operation).toBe('listerParNui');
    expect(matchRoute(routes, 'GET', '/dossiers')?.operation).toBe('lister');
  });

  it('matches nothing for an unknown path, another method or a param that is not valid percent-encoding', () => {
    expect(matchRoute(routes, 'GET', '/autre')).toBeUndefined();
    expect(matchRoute(routes, 'DELETE', '/dossiers')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/dossiers/%E0')).toBeUndefined();
  });
});

describe('operationOf and allowedMethods', () => {
  it('counts an unserved request under the unknown operation, the system’s own name when given', () => {
    expect(operationOf(routes, request('GET', '/dossiers/x'))).toBe('consulter');
    expect(operationOf(routes, request('GET', '/autre'))).toBe(UNKNOWN_OPERATION);
    expect(operationOf(routes, request('GET', '/autre'), 'inconnue')).toBe('inconnue');
  });

  it('lists the methods a known path accepts, none for an unknown one', () => {
    expect(allowedMethods(routes, '/dossiers?x=1')).toEqual(['GET', 'POST']);
    expect(allowedMethods(routes, '/dossiers/x')).toEqual(['GET']);
    expect(allowedMethods(routes, '/autre')).toEqual([]);
  });
});
