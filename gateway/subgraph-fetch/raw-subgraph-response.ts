/** A subgraph's HTTP answer, read whole: what the de-duplication and the cache share between requests. */
export interface RawSubgraphResponse {
  readonly status: number;
  /** Lower-case names; a repeated header keeps its last value. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}
