import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../../lib/config/index.js';
import { rnecAdapterEnvSchema, rnecAdapterOptionsFromEnv } from '../config.js';
import { modeOf, parseModeOverrides } from './rnec-routing.js';

const read = (env: NodeJS.ProcessEnv) => rnecAdapterOptionsFromEnv(readConfig('test', rnecAdapterEnvSchema, env));

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    read(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('RNEC routing configuration', () => {
  it('defaults to SOAP everywhere, v2 at /v2 on RNEC_URL’s origin, shadow answered by SOAP', () => {
    const options = read({ RNEC_URL: 'http://rnec.local:4201/ws/rnec' });
    expect(options.v2Url).toBe('http://rnec.local:4201/v2');
    expect(options.routing).toEqual({ mode: 'soap', overrides: {}, shadowPrimary: 'soap', shadowTimeoutMs: 2_000, shadowMaxInFlight: 16 });
    expect(modeOf(options.routing!, 'getCitizens')).toBe('soap');
  });

  it('reads a mode, per-operation overrides and the shadow settings', () => {
    const options = read({
      RNEC_MODE: 'shadow',
      RNEC_MODE_OVERRIDES: ' getCitizens:rest , requestCopy:soap',
      RNEC_SHADOW_PRIMARY: 'rest',
      RNEC_V2_URL: 'http://v2.local/api/v2',
      RNEC_SHADOW_TIMEOUT_MS: '500',
      RNEC_SHADOW_MAX_IN_FLIGHT: '0',
    });
    expect(options.v2Url).toBe('http://v2.local/api/v2');
    expect(options.routing).toEqual({ mode: 'shadow', overrides: { getCitizens: 'rest', requestCopy: 'soap' }, shadowPrimary: 'rest', shadowTimeoutMs: 500, shadowMaxInFlight: 0 });
    expect(modeOf(options.routing!, 'getCitizens')).toBe('rest');
    expect(modeOf(options.routing!, 'listActs')).toBe('shadow');
  });

  it('refuses a bad value with a message naming the variable and what is allowed', () => {
    expect(problemsOf({ RNEC_MODE: 'grpc' })).toEqual(['RNEC_MODE="grpc": expected soap, rest or shadow']);
    expect(problemsOf({ RNEC_SHADOW_PRIMARY: 'shadow' })).toEqual(['RNEC_SHADOW_PRIMARY="shadow": expected soap or rest']);
    expect(problemsOf({ RNEC_V2_URL: 'ftp://x' })[0]).toMatch(/^RNEC_V2_URL="ftp:\/\/x": expected/);
    const overrides = problemsOf({ RNEC_MODE_OVERRIDES: 'findPersons:rest,getCitizen:grpc,listActs' });
    expect(overrides).toEqual([
      expect.stringContaining('unknown operation "findPersons" (expected one of getCitizen, getCitizens,'),
      'RNEC_MODE_OVERRIDES="findPersons:rest,getCitizen:grpc,listActs": unknown mode "grpc" for getCitizen (expected soap, rest or shadow)',
      expect.stringContaining('expected operation:mode, comma-separated (at "listActs")'),
    ]);
    expect(overrides[0]).toMatch(/^RNEC_MODE_OVERRIDES=/);
  });

  it('parses an already parsed environment again to the same values (the supervision re-reads it per feed)', () => {
    const once = rnecAdapterEnvSchema.parse({ RNEC_MODE: 'shadow', RNEC_MODE_OVERRIDES: 'getCitizens:rest' });
    expect(rnecAdapterEnvSchema.parse(once)).toEqual(once);
    expect(rnecAdapterOptionsFromEnv(once).routing?.overrides).toEqual({ getCitizens: 'rest' });
  });

  it('parses overrides on its own, naming duplicates', () => {
    expect(parseModeOverrides('')).toEqual({ overrides: {}, problems: [] });
    expect(parseModeOverrides('getAct:rest,getAct:shadow').problems).toEqual(['operation "getAct" given twice']);
  });
});
