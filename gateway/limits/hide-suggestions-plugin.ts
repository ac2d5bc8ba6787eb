import type { ApolloServerPlugin } from '@apollo/server';

/** graphql-js phrases: `Did you mean "a" or "b"?`, `Did you mean the enum value "X"?`, `Did you mean to use an inline fragment on "T"?`. */
const suggestion = /\s*Did you mean\b[^?]*\?/g;

export function withoutSuggestions(message: string): string {
  return message.replace(suggestion, '');
}

/**
 * Removes "Did you mean …" from error messages, which would otherwise let anyone map the schema with introspection
 * off. Ours rather than armor's: its Apollo regex leaves the trailing "?" and misses enum-value suggestions.
 */
export function createHideSuggestionsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) error.message = withoutSuggestions(error.message);
        },
      };
    },
  };
}
