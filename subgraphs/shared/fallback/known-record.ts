/** A record just read from its legacy system. */
export type Fresh<R> = R & { readonly stale: false; readonly asOf: null };

/** A record remembered from an earlier read, served because its system could not answer; `asOf` is when it was read. */
export type Stale<R> = R & { readonly stale: true; readonly asOf: string };

/** What a last-known loader gives: the `stale` / `asOf` pair the graph shows on every dossier. */
export type KnownRecord<R> = Fresh<R> | Stale<R>;

/** Also for records that reach the graph without a last-known loader (a submission's answer is always fresh). */
export function asFresh<R extends object>(record: R): Fresh<R> {
  return { ...record, stale: false, asOf: null };
}

/** `asOf`: ISO 8601 instant at which the record was read from its system. */
export function asStale<R extends object>(record: R, asOf: string): Stale<R> {
  return { ...record, stale: true, asOf };
}
