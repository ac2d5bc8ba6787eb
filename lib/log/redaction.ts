/**
 * A NIU fit for ordinary logs: first two and last two characters, the rest hidden (`123456789012` →
 * `12••••••••12`). Eight hidden digits leave 10^8 candidates: enough to tell two log lines apart, too few to
 * identify anyone. Short or odd values are hidden whole.
 */
export function maskNiu(niu: string): string {
  if (niu.length < 8) return '•'.repeat(Math.max(niu.length, 1));
  return `${niu.slice(0, 2)}${'•'.repeat(niu.length - 4)}${niu.slice(-2)}`;
}

/**
 * pino `redact` paths for every logger: credentials (authorization and cookie headers, tokens, keys, secrets), NIUs,
 * names and birth dates, and GraphQL variables whole (they carry all of those). A path with `*.` reaches one level
 * down (`err.token`, `req.headers.authorization`), which is where our log objects put them.
 */
export const sensitiveLogPaths: readonly string[] = [
  ...['authorization', 'cookie', 'set-cookie', 'x-api-key', 'x-guichet-internal-token'].flatMap((header) => [`headers["${header}"]`, `*.headers["${header}"]`, `req.headers["${header}"]`]),
  ...['authorization', 'token', 'accessToken', 'idToken', 'refreshToken', 'internalToken', 'clientSecret', 'apiKey', 'password', 'secret', 'hmacKey'].flatMap((field) => [field, `*.${field}`]),
  ...['niu', 'nius', 'applicantNiu', 'personNius'].flatMap((field) => [field, `*.${field}`]),
  ...['firstName', 'firstNames', 'lastName', 'fullName', 'architectName', 'birthDate'].flatMap((field) => [field, `*.${field}`]),
  'variables',
  '*.variables',
];

const niuFields: ReadonlySet<string> = new Set(['niu', 'nius', 'applicantNiu', 'personNius']);

/** A NIU field keeps its masked form (still useful to correlate lines); anything else becomes `[redacted]`. */
function censor(value: unknown, path: string[]): unknown {
  if (!niuFields.has(path[path.length - 1] ?? '')) return '[redacted]';
  if (typeof value === 'string') return maskNiu(value);
  if (Array.isArray(value)) return value.map((item) => (typeof item === 'string' ? maskNiu(item) : '[redacted]'));
  return '[redacted]';
}

/** Ready for pino: `pino({ …, redact: logRedaction })`. */
export const logRedaction = { paths: [...sensitiveLogPaths], censor };
