/**
 * The headers every HTML page the gateway serves carries (the supervision room, the explorer), around its own
 * Content-Security-Policy: no sniffing, no referrer (a page's address may carry a query), no framing (a token typed
 * into a framed page could be clickjacked out), isolated from other origins, no powerful features.
 */
export function pageSecurityHeaders(contentSecurityPolicy: string): Readonly<Record<string, string>> {
  return {
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  };
}
