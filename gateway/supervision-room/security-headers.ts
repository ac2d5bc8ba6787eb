import { pageSecurityHeaders } from '../../lib/http/index.js';
/**
 * Headers of every supervision response. The page loads only what the gateway serves: no inline script or style,
 * no other origin, no framing; SVG charts are built through the DOM, which the policy allows.
 */
export function roomContentSecurityPolicy(connectOrigins: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    // The identity provider's origin: the page reads its discovery document and calls its token endpoints.
    `connect-src 'self'${connectOrigins.map((o) => ` ${o}`).join('')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const contentSecurityPolicy = roomContentSecurityPolicy();

export const securityHeaders = pageSecurityHeaders(contentSecurityPolicy);
