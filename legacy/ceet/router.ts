import type { JsonReply, LegacyRoute, RouteRequest } from '../shared/index.js';

export type { JsonReply } from '../shared/index.js';

/** What a CEET handler gets: the path's params in order, the query string, the request. */
export type RouteContext = RouteRequest;

/** One route of CEET's v1 API. */
export interface Route extends LegacyRoute<RouteContext, JsonReply> {
  /** Served without an API key. */
  readonly public?: boolean;
}
