/**
 * The supervision room's OAuth client: public (a browser page keeps no secret), PKCE S256 required, redirect URIs
 * compared exactly (RFC 9700 §2.1), allowed the authorization code, refresh token and device grants.
 */
export interface RoomClient {
  readonly clientId: string;
  readonly redirectUris: readonly string[];
}

/** The origins of the client's redirect URIs: the only origins allowed to call the token endpoints from a browser. */
export function roomOrigins(client: RoomClient): string[] {
  return [...new Set(client.redirectUris.map((uri) => new URL(uri).origin))];
}
