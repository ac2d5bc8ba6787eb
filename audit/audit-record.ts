/** Whether personal data was read or changed. */
export type AccessAction = 'read' | 'write';

/** What a subgraph says it served in one request: one citizen's data, from one system, read or written. */
export interface AccessEntry {
  /**
   * Whose data: a citizen's NIU, or a company's audit subject (`company:<NIF>`, schema/company-identifiers.ts) — a
   * company's access log is read by the same query on the same key.
   */
  readonly niu: string;
  /** Legacy system (or store) the data came from or went to: `rnec`, `ceet`, `urbanisme`, `guichet`… */
  readonly system: string;
  readonly action: AccessAction;
}

/** One audit fact as the gateway states it: who touched whose data, how, when. Becomes an `AuditRecord` once sealed. */
export interface AuditEntry {
  /** ISO 8601 instant the response was sent. */
  readonly at: string;
  /** Subject of the caller's access token. */
  readonly subject: string;
  readonly role: string;
  /** The agent's ministry, when the caller is an agent: what a citizen is shown instead of a person's identity. */
  readonly ministry?: string;
  readonly clientId: string;
  readonly niu: string;
  readonly action: AccessAction;
  /** Operation name the client gave (`null` for an anonymous operation). */
  readonly operationName: string | null;
  /** Systems the data came from or went to, sorted. */
  readonly systems: readonly string[];
  /** Subgraphs that reported the access, sorted. */
  readonly subgraphs?: readonly string[];
  /** W3C trace id of the request: joins this record to the logs of every service involved. */
  readonly traceId: string;
}

/** An entry sealed into the chain. */
export interface AuditRecord extends AuditEntry {
  /** 1, 2, 3… without gaps: a missing or moved record breaks the sequence. */
  readonly seq: number;
  /** `hash` of the previous record (64 zeros before the first). */
  readonly prevHash: string;
  /**
   * Id of the HMAC key that sealed it (`AUDIT_HMAC_KEY_ID`), inside the hash. Absent on records written before key
   * ids existed: those were sealed with the oldest key of the ring.
   */
  readonly keyId?: string;
  /** sha256 hex of `prevHash` + canonical JSON of the record without `hash` and `mac`. */
  readonly hash: string;
  /** HMAC-SHA256 hex of `hash` under the audit key: only the writer can make a record that verifies. */
  readonly mac: string;
}

/** Outcome of checking a whole log. */
export interface AuditVerification {
  readonly ok: boolean;
  /** Complete records read. */
  readonly count: number;
  /** 0-based position of the first bad record (for a cut tail: where the missing records should be). */
  readonly firstBadIndex?: number;
  /** Why the log fails, in one line (never a NIU). */
  readonly reason?: string;
  /** Harmless findings: a partial last line being written, an anchor lagging behind the last records. */
  readonly notes?: readonly string[];
}
