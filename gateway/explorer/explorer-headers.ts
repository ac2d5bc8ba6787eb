import { pageSecurityHeaders } from '../../lib/http/index.js';
/**
 * Headers of the explorer's page, of the page that replaces it, and of their files. Scripts and styles come from this
 * origin only (no inline script, no `eval`): GraphiQL's fonts are `data:` URLs inside its stylesheet. Queries go to
 * this origin only; the page cannot be framed (a token typed into a framed page could be clickjacked out).
 */
export const explorerContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const explorerSecurityHeaders = pageSecurityHeaders(explorerContentSecurityPolicy);
