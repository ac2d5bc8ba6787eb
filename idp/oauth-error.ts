import type { ServerResponse } from 'node:http';
import { sendJson } from '../lib/http/index.js';

/** RFC 6749 §5.2 error codes, RFC 8628 §3.5's device-flow ones, plus `unknown_niu` of the development endpoint. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'authorization_pending'
  | 'slow_down'
  | 'access_denied'
  | 'expired_token'
  | 'unknown_niu';

/** Token responses and their errors are never cached (RFC 6749 §5.1). */
export const noStore = { 'cache-control': 'no-store', pragma: 'no-cache' } as const;

export function sendOAuthError(res: ServerResponse, status: number, error: OAuthErrorCode, description: string, headers: Readonly<Record<string, string>> = {}): void {
  sendJson(res, status, { error, error_description: description }, { ...noStore, ...headers });
}
