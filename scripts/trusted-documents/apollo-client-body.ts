import { Defer20220824Handler } from '@apollo/client/incremental';
import { ApolloClient, ApolloLink, InMemoryCache, Observable } from '@apollo/client';
import { createFragmentRegistry } from '@apollo/client/cache';
import { LocalState } from '@apollo/client/local-state';
import { sortTopLevelDefinitions } from '@apollo/persisted-query-lists';
import { type DocumentNode, Kind, print } from 'graphql';

/**
 * The text Apollo Client 4 puts on the wire for each document, computed the way
 * `@apollo/generate-persisted-query-manifest` does (its source, 1.4): a real `ApolloClient` whose only link records
 * `print(sortTopLevelDefinitions(operation.query))` — so `__typename` is added to every selection set but the root
 * operation's, `@client` fields and client-only directives are removed, fragments from other documents are appended
 * from a fragment registry, and the definitions are sorted (operation first, then fragments by name). Nothing is
 * re-implemented: a new client version that transforms documents differently changes the manifest with it.
 */
export async function apolloClientBodies(documents: readonly DocumentNode[]): Promise<string[]> {
  const bodies: string[] = [];
  const client = new ApolloClient({
    // The tool gives v4 clients a LocalState so that documents with @client fields are accepted.
    localState: new LocalState(),
    // Documents with @defer are shipped too (the gateway executes it): the client must accept them.
    incrementalHandler: new Defer20220824Handler(),
    cache: new InMemoryCache({ fragments: createFragmentRegistry(...documents) }),
    link: new ApolloLink((operation) => {
      bodies.push(print(sortTopLevelDefinitions(operation.query)));
      return new Observable((observer) => {
        observer.next({ data: null });
        observer.complete();
      });
    }),
  });
  try {
    for (const document of documents) {
      const definition = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
      if (definition?.kind !== Kind.OPERATION_DEFINITION) throw new Error('a document without an operation');
      const before = bodies.length;
      if (definition.operation === 'mutation') await client.mutate({ mutation: document, fetchPolicy: 'no-cache' });
      else if (definition.operation === 'query') await client.query({ query: document, fetchPolicy: 'no-cache' });
      else {
        // A subscription: the link is called on subscribe.
        await new Promise<void>((resolve, reject) => {
          const subscription = client.subscribe({ query: document, fetchPolicy: 'no-cache' }).subscribe({
            next: () => (subscription.unsubscribe(), resolve()),
            error: reject,
            complete: resolve,
          });
        });
      }
      if (bodies.length !== before + 1) throw new Error(`Apollo Client sent ${bodies.length - before} requests for ${definition.name?.value ?? 'an anonymous operation'}`);
    }
  } finally {
    client.stop();
  }
  return bodies;
}
