import type { OperationResult } from '@urql/core';

/** A request Guichet answered without data: `codes` are the errors' `extensions.code` (see the error model in docs/architecture.md). */
export class GuichetRequestError extends Error {
  override readonly name = 'GuichetRequestError';
  constructor(
    message: string,
    readonly codes: readonly string[],
  ) {
    super(message);
  }
}

/**
 * The data of a result. A partial answer is normal in Guichet (a ministry's system down nulls its fields, with an
 * error beside them): it is returned as it is, and only an answer without data throws.
 */
export function dataOf<D>(result: OperationResult<D>): D {
  if (result.data !== undefined && result.data !== null) return result.data;
  const codes = (result.error?.graphQLErrors ?? []).map((e) => String(e.extensions.code ?? 'UNKNOWN'));
  if (result.error?.networkError) codes.push('NETWORK_ERROR');
  throw new GuichetRequestError(result.error?.message ?? 'réponse sans données', codes);
}
