/** One call of a subgraph made for a request. */
export interface SubgraphCallRecord {
  readonly subgraph: string;
  readonly durationMs: number;
  /** `ok`: an answer without errors; `error`: errors in it, or no answer at all (see `code`). */
  readonly outcome: 'ok' | 'error';
  readonly code?: string;
  /** The answer was another request's (a shared or cached read): its legacy calls are that request's. */
  readonly shared?: true;
}

/** One legacy call a subgraph made for a request, as it reported it. */
export interface LegacyCallRecord {
  readonly subgraph: string;
  readonly system: string;
  readonly operation: string;
  readonly durationMs: number;
  readonly outcome: 'ok' | 'error';
  readonly code?: string;
}

/**
 * The operational record of one gateway request, X-Road style: who (client and role, never a person), what
 * (operation), how it went (status, outcome, error codes, size, duration), and every exchange it caused. No NIU, no
 * name, no variables: the supervision room may read these.
 */
export interface RequestRecord {
  /** When the request arrived (ISO 8601). */
  readonly at: string;
  readonly traceId: string;
  /** OAuth client (`portail-web`, an integrator), `anonymous` without a token. */
  readonly clientId: string;
  readonly role: string;
  /** An agent's ministry. */
  readonly ministry?: string;
  readonly operationName: string | null;
  readonly operationType: string | null;
  /** HTTP status of the response. */
  readonly status: number;
  /** `success`: data, no error; `partial`: data and errors; `error`: no data. */
  readonly outcome: 'success' | 'partial' | 'error';
  readonly durationMs: number;
  readonly responseBytes: number;
  /** `extensions.code` of each error of the response, each once. */
  readonly errorCodes: readonly string[];
  readonly subgraphs: readonly SubgraphCallRecord[];
  readonly legacyCalls: readonly LegacyCallRecord[];
}
