import type { Logger } from '../../lib/log/index.js';
import type { TokenMinter } from '../create-token-minter.js';
import type { SigningKey } from '../signing-key.js';
import { createAuthorizationCodes, type AuthorizationCodes } from './authorization-codes.js';
import { createDeviceAuthorizations, type DeviceAuthorizations } from './device-authorizations.js';
import { createIdpSessions, type IdpSessions } from './idp-sessions.js';
import { createLoginThrottle, type LoginThrottle } from './login-throttle.js';
import { createPendingRequests, type PendingRequests } from './pending-requests.js';
import { createRefreshFamilies, type RefreshFamilies } from './refresh-families.js';
import { roomOrigins, type RoomClient } from './room-client.js';
import type { SeededSupervisor } from './seeded-supervisors.js';

/** How end users sign in at the development IdP (`IDP_*` variables, docs/configuration.md). */
export interface SignInSettings {
  /** The supervision room's public client. */
  readonly roomClient: RoomClient;
  /** Absolute lifetime of a sign-in's refresh tokens (and of the IdP's session cookie). Default 36000 (`IDP_REFRESH_TTL_SECONDS`). */
  readonly refreshTtlSeconds: number;
  /** Lifetime of an authorization code. Default 60. */
  readonly codeTtlSeconds: number;
  /** Lifetime of a device code and its user code. Default 600. */
  readonly deviceCodeTtlSeconds: number;
  /** Least pause between two polls of a device code. Default 5 (`IDP_DEVICE_POLL_INTERVAL_SECONDS`). */
  readonly devicePollIntervalSeconds: number;
}

export const defaultRoomClientId = 'salle-supervision';
export const defaultRoomRedirectUris = ['http://127.0.0.1:4000/supervision', 'http://localhost:4000/supervision'] as const;

export const defaultSignInSettings: SignInSettings = {
  roomClient: { clientId: defaultRoomClientId, redirectUris: defaultRoomRedirectUris },
  refreshTtlSeconds: 36_000,
  codeTtlSeconds: 60,
  deviceCodeTtlSeconds: 600,
  devicePollIntervalSeconds: 5,
};

/** What every sign-in route shares: settings, the stores (in memory) and the signer. */
export interface SignInContext {
  readonly issuer: string;
  readonly settings: SignInSettings;
  readonly client: RoomClient;
  /** Origins allowed to call the token endpoints from a browser (the room's). */
  readonly origins: readonly string[];
  readonly supervisors: readonly SeededSupervisor[];
  readonly minter: TokenMinter;
  readonly key: SigningKey;
  readonly tokenTtlSeconds: number;
  readonly codes: AuthorizationCodes;
  readonly families: RefreshFamilies;
  readonly sessions: IdpSessions;
  readonly devices: DeviceAuthorizations;
  readonly pending: PendingRequests;
  /** Locks an account for 15 minutes after 5 wrong passwords in 15 minutes. */
  readonly loginThrottle: LoginThrottle;
  /** Cookies marked `Secure` when the issuer is https. */
  readonly secureCookies: boolean;
  readonly log: Logger;
}

export function createSignInContext(options: {
  readonly issuer: string;
  readonly settings: SignInSettings;
  readonly supervisors: readonly SeededSupervisor[];
  readonly minter: TokenMinter;
  readonly key: SigningKey;
  readonly tokenTtlSeconds: number;
  readonly log: Logger;
}): SignInContext {
  const { settings } = options;
  return {
    ...options,
    client: settings.roomClient,
    origins: roomOrigins(settings.roomClient),
    codes: createAuthorizationCodes({ ttlSeconds: settings.codeTtlSeconds }),
    families: createRefreshFamilies({ ttlSeconds: settings.refreshTtlSeconds }),
    sessions: createIdpSessions({ ttlSeconds: settings.refreshTtlSeconds }),
    devices: createDeviceAuthorizations({ ttlSeconds: settings.deviceCodeTtlSeconds, intervalSeconds: settings.devicePollIntervalSeconds }),
    pending: createPendingRequests(),
    loginThrottle: createLoginThrottle(),
    secureCookies: options.issuer.startsWith('https:'),
  };
}
