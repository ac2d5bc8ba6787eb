import { GraphQLError } from 'graphql';
import { ErrorCode, errorMessages } from '../../schema/index.js';

/** The codes a failed call to a subgraph can end in. */
export type SubgraphFailureCode = typeof ErrorCode.BACKEND_UNAVAILABLE | typeof ErrorCode.BACKEND_TIMEOUT | typeof ErrorCode.BACKEND_ERROR | typeof ErrorCode.BAD_BACKEND_RESPONSE;

/** Marks errors already mapped, so the data source does not map them twice. */
export class SubgraphCallError extends GraphQLError {
  constructor(
    readonly subgraph: string,
    readonly code: SubgraphFailureCode,
    readonly detail: string,
  ) {
    // Only the code, the French message and the subgraph name reach the client: never the URL or the cause.
    super(errorMessages[code], { extensions: { code, subgraph } });
    this.name = 'SubgraphCallError';
  }
}

const timeoutCauses = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

/** Transport failure (thrown by fetch or while reading the body) → typed error. */
export function subgraphTransportError(subgraph: string, error: unknown): SubgraphCallError {
  if (error instanceof SubgraphCallError) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const cause = causeCode(error);
  const detail = describe(error);
  if (name === 'TimeoutError' || name === 'AbortError' || (cause !== undefined && timeoutCauses.has(cause))) {
    return new SubgraphCallError(subgraph, ErrorCode.BACKEND_TIMEOUT, detail);
  }
  // A body that is not JSON, or JSON that is not an object, reached us intact: the subgraph answered nonsense.
  if (error instanceof SyntaxError || (error instanceof Error && error.message.startsWith('Expected JSON response body'))) {
    return new SubgraphCallError(subgraph, ErrorCode.BAD_BACKEND_RESPONSE, detail);
  }
  return new SubgraphCallError(subgraph, ErrorCode.BACKEND_UNAVAILABLE, detail);
}

/** A non-2xx HTTP answer from a subgraph → typed error. */
export function subgraphStatusError(subgraph: string, status: number, statusText: string): SubgraphCallError {
  const detail = `HTTP ${status} ${statusText}`.trim();
  if (status === 502 || status === 503) return new SubgraphCallError(subgraph, ErrorCode.BACKEND_UNAVAILABLE, detail);
  if (status === 504) return new SubgraphCallError(subgraph, ErrorCode.BACKEND_TIMEOUT, detail);
  return new SubgraphCallError(subgraph, ErrorCode.BACKEND_ERROR, detail);
}

function causeCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.name}: ${error.message}${cause}`;
}
