import type { ApolloServerPlugin } from '@apollo/server';
import { Lexer, Source, TokenKind } from 'graphql';
import { OperationTooComplexError } from './operation-too-complex.js';

/** Counts tokens up to `max + 1`; a lexing error stops the count and is left for the parser to report. */
export function exceedsTokens(text: string, max: number): boolean {
  const lexer = new Lexer(new Source(text));
  try {
    for (let count = 0; lexer.advance().kind !== TokenKind.EOF; ) if (++count > max) return true;
  } catch {
    return false;
  }
  return false;
}

/**
 * Refuses a document of more than `maxTokens` tokens before Apollo parses it (the parser's work is what a token
 * bomb attacks); the count stops at the limit, so the work is bounded whatever the document's size.
 *
 * Apollo Server 5 answers a bare 500 "Internal server error" to anything thrown before parsing ends, unless an
 * `unexpectedErrorProcessingRequest` hook throws in turn: that error then becomes the response (formatted, with its
 * `extensions.http` status). We re-throw only our own error. Ours rather than armor's token plugin, which parses the
 * whole document a second time and turns every unexpected error, including a plain syntax error, into
 * GRAPHQL_VALIDATION_FAILED with status 500.
 */
export function createTokenLimitPlugin(maxTokens: number): ApolloServerPlugin {
  return {
    async unexpectedErrorProcessingRequest({ error }) {
      if (error instanceof OperationTooComplexError) throw error;
    },
    async requestDidStart() {
      return {
        async parsingDidStart({ source }) {
          if (exceedsTokens(source, maxTokens)) throw new OperationTooComplexError('tokens', maxTokens);
        },
      };
    },
  };
}
