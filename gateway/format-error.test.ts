import type { GraphQLFormattedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../lib/log/index.js';
import { createFormatError } from './format-error.js';

const log = createLogger('format-error-test', 'silent');
const format = (nodeEnv: 'development' | 'production' | 'test', error: GraphQLFormattedError) => createFormatError({ nodeEnv, log })(error, new Error(error.message));
const fromSubgraph = (code: string, message = 'détail interne') => ({
  message,
  path: ['person'],
  extensions: { code, system: 'CEET', serviceName: 'electricity', stacktrace: ['at x'], retryAfterMs: 5 },
});

describe('formatError', () => {
  it('keeps everything in development and names the subgraph; a stack trace only for internal errors', () => {
    const { stacktrace: _trace, ...rest } = fromSubgraph('NOT_FOUND').extensions;
    expect(format('development', fromSubgraph('NOT_FOUND')).extensions).toEqual({ ...rest, subgraph: 'electricity' });
    expect(format('development', fromSubgraph('INTERNAL_SERVER_ERROR')).extensions).toEqual({ ...fromSubgraph('INTERNAL_SERVER_ERROR').extensions, subgraph: 'electricity' });
  });

  it.each(['BAD_REQUEST', 'GRAPHQL_VALIDATION_FAILED', 'UNAUTHENTICATED', 'BAD_USER_INPUT'])('never sends a stack trace with a refusal (%s), in any mode', (code) => {
    for (const nodeEnv of ['development', 'test', 'production'] as const) expect(format(nodeEnv, fromSubgraph(code)).extensions).not.toHaveProperty('stacktrace');
  });

  it('keeps the per-field detail of BAD_USER_INPUT and why a token was refused, outside development too', () => {
    const fields = [{ path: ['input', 'meterType'], code: 'INVALID', message: 'Valeur non reconnue.' }];
    expect(format('production', { message: 'Données invalides.', extensions: { code: 'BAD_USER_INPUT', fields, internal: 1 } })).toEqual({
      message: 'Données invalides.',
      extensions: { code: 'BAD_USER_INPUT', fields },
    });
    expect(format('production', { message: 'x', extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED' } }).extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED' });
  });

  it('keeps only the public extensions (code, system, subgraph, retryAfterMs) outside development', () => {
    expect(format('test', fromSubgraph('BACKEND_TIMEOUT'))).toEqual({
      message: 'détail interne',
      path: ['person'],
      extensions: { code: 'BACKEND_TIMEOUT', system: 'CEET', subgraph: 'electricity', retryAfterMs: 5 },
    });
    expect(format('production', { message: 'Syntax Error', locations: [{ line: 1, column: 2 }], extensions: { code: 'GRAPHQL_PARSE_FAILED' } })).toEqual({
      message: 'Syntax Error',
      locations: [{ line: 1, column: 2 }],
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
  });

  it.each(['INTERNAL_SERVER_ERROR', 'DOWNSTREAM_SERVICE_ERROR', 'SOMETHING_ODD'])('hides %s in production', (code) => {
    expect(format('production', fromSubgraph(code))).toEqual({
      message: 'Erreur interne. Réessayez plus tard.',
      path: ['person'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', system: 'CEET', subgraph: 'electricity' },
    });
  });

  it('hides an error with no code at all in production', () => {
    expect(format('production', { message: 'TypeError: x is undefined' })).toEqual({ message: 'Erreur interne. Réessayez plus tard.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});
