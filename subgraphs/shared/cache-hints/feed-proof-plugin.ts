import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { AccessRecorder } from '../../../audit/index.js';
import { CACHE_BOUND_HEADER, FEED_OWNERS_HEADER, FEED_PROOF_HEADER, FEED_PROVEN_AT_HEADER } from '../../../lib/cache-proof/index.js';
import { feedProofOf } from './apply-cache-hints.js';

/**
 * Says on the response when its cacheable part rests on the change feeds, and whose dossiers it holds: the owners of
 * its lists (even empty ones) and everyone its access report names (a dossier read by reference); how old the parts
 * served on the feed's proof are; and when part of it is bound to its request (a listing, a sealed lookup), so that
 * it is never kept alone.
 */
export function feedProofPlugin<C extends BaseContext & { readonly access: AccessRecorder }>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const proof = feedProofOf(contextValue);
          if (proof === undefined) return;
          if (proof.requestBound) response.http.headers.set(CACHE_BOUND_HEADER, 'request');
          if (!proof.restsOnFeed) return;
          const owners = new Set([...proof.owners, ...contextValue.access.entries().map((entry) => entry.niu)]);
          response.http.headers.set(FEED_PROOF_HEADER, 'feed');
          if (owners.size > 0) response.http.headers.set(FEED_OWNERS_HEADER, [...owners].join(','));
          if (proof.provenAtMs !== undefined) response.http.headers.set(FEED_PROVEN_AT_HEADER, String(proof.provenAtMs));
        },
      };
    },
  };
}
