/**
 * Error codes of a *well-formed* request that failed as GraphQL (parse, validation — the server's own rules
 * included —, operation selection, variable coercion). Apollo answers them 400; GraphQL over HTTP asks 200 for them
 * when the answer is `application/json` (§ "application/json": a legacy client cannot trust a 4xx, which a proxy could
 * have written). Not `BAD_REQUEST`: that is a request which is not well-formed, and stays 400.
 */
export const graphqlRequestErrorCodes: readonly string[] = ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'OPERATION_RESOLUTION_FAILURE'];

/**
 * The status GraphQL over HTTP asks for an `application/json` answer that Apollo gave `status`: 200 instead of 400
 * when every error is a GraphQL request error of a well-formed request (`requestErrorCodes`). The body is read only
 * for a 400, which is rare.
 */
export function legacyJsonStatus(status: number, body: string, requestErrorCodes: ReadonlySet<string>): number {
  if (status !== 400) return status;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return status;
  }
  if (typeof parsed !== 'object' || parsed === null || !('errors' in parsed) || !Array.isArray(parsed.errors) || parsed.errors.length === 0) return status;
  const allRequestErrors = parsed.errors.every((error: unknown) => {
    if (typeof error !== 'object' || error === null || !('extensions' in error)) return false;
    const { extensions } = error;
    return typeof extensions === 'object' && extensions !== null && 'code' in extensions && typeof extensions.code === 'string' && requestErrorCodes.has(extensions.code);
  });
  return allRequestErrors ? 200 : status;
}
