import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../lib/config/index.js';
import { readGatewayConfig } from '../config.js';
import { civilRegistry } from '../test-support/test-subgraphs.js';
import { writeTestSupergraph } from '../test-support/write-test-supergraph.js';

let supergraph: string;
beforeAll(() => {
  supergraph = writeTestSupergraph([{ ...civilRegistry, url: 'http://civil.internal:4101/graphql' }]);
});

const roomOf = (env: NodeJS.ProcessEnv) => readGatewayConfig({ SUPERGRAPH_PATH: supergraph, ...env }).supervisionRoom;

function problemsOf(env: NodeJS.ProcessEnv): string {
  try {
    roomOf(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe('the supervision room’s settings', () => {
  it('reads every 2 s without events, refreshes every 30 s with them, by default', () => {
    expect(roomOf({})).toEqual({ pushIntervalMs: 2_000, idleRefreshMs: 30_000, maxStreams: 200, maxStreamsPerPrincipal: 8, oidcClientId: 'salle-supervision', oidcIssuer: undefined });
  });

  it('takes SUPERVISION_IDLE_REFRESH_MS; unset, never refreshes faster than SUPERVISION_PUSH_MS', () => {
    expect(roomOf({ SUPERVISION_IDLE_REFRESH_MS: '5000', SUPERVISION_PUSH_MS: '1000' })).toMatchObject({ pushIntervalMs: 1_000, idleRefreshMs: 5_000 });
    expect(roomOf({ SUPERVISION_PUSH_MS: '60000' })).toMatchObject({ pushIntervalMs: 60_000, idleRefreshMs: 60_000 });
    expect(roomOf({ SUPERVISION_PUSH_MS: '3000', SUPERVISION_IDLE_REFRESH_MS: '3000' })).toMatchObject({ idleRefreshMs: 3_000 });
  });

  it('refuses an idle refresh shorter than the push pace, or out of bounds', () => {
    expect(problemsOf({ SUPERVISION_PUSH_MS: '5000', SUPERVISION_IDLE_REFRESH_MS: '4000' })).toContain('SUPERVISION_IDLE_REFRESH_MS: 4000 must be at least SUPERVISION_PUSH_MS (5000)');
    expect(problemsOf({ SUPERVISION_IDLE_REFRESH_MS: '100' })).toContain('SUPERVISION_IDLE_REFRESH_MS');
    expect(problemsOf({ SUPERVISION_IDLE_REFRESH_MS: '7200000' })).toContain('SUPERVISION_IDLE_REFRESH_MS');
    expect(problemsOf({ SUPERVISION_IDLE_REFRESH_MS: 'soon' })).toContain('SUPERVISION_IDLE_REFRESH_MS');
  });
});
