/** One normalised statement of `pg_stat_statements` (cumulative since the server started). */
export interface StatementCounter {
  readonly queryId: string;
  readonly query: string;
  readonly calls: number;
  readonly execMs: number;
  readonly rows: number;
  readonly walBytes: number;
}

/** Cumulative PostgreSQL counters of the services' database at one instant. */
export interface PostgresCounters {
  readonly atMs: number;
  /** `pg_current_wal_lsn()` in bytes: the WAL written by the whole server. */
  readonly walBytes: number;
  /** `pg_stat_database` of the services' database. */
  readonly commits: number;
  readonly rollbacks: number;
  /** Rows inserted + updated + deleted. */
  readonly rowsWritten: number;
  readonly blocksRead: number;
  readonly blocksHit: number;
  /** The audit trail's last sequence number (0: empty). */
  readonly auditSeq: number;
  readonly statements: readonly StatementCounter[];
}

/** Cumulative Redis counters at one instant (`INFO commandstats` and `INFO stats`). */
export interface RedisCounters {
  readonly atMs: number;
  /** By command name (`evalsha`, `get`…): calls and server time. */
  readonly commands: Readonly<Record<string, { readonly calls: number; readonly usec: number }>>;
  readonly netInputBytes: number;
  readonly netOutputBytes: number;
}

/** Counters before and after a window: the measured one, or an idle one of the background alone. */
export interface CounterWindow<T> {
  readonly before: T;
  readonly after: T;
}

/** A statement's share of a workload, per unit (per request, per submission, per audit record). */
export interface StatementCost {
  readonly query: string;
  readonly calls: number;
  readonly execMs: number;
  readonly walBytes: number;
}

/** PostgreSQL's work per unit of a workload, the background (same length of idle time) taken out. */
export interface PostgresCost {
  readonly units: number;
  readonly transactions: number;
  readonly statements: number;
  /** Server time executing the statements (pg_stat_statements' total_exec_time). */
  readonly serverMs: number;
  readonly walBytes: number;
  readonly rowsWritten: number;
  /** Shared buffers read from disk and found in cache. */
  readonly blocksRead: number;
  readonly blocksHit: number;
  /** Audit records appended (the trail's sequence numbers). */
  readonly auditRecords: number;
  /** The statements that cost something, most frequent first. */
  readonly byStatement: readonly StatementCost[];
}

/** Redis's work per request of a workload, the background taken out. */
export interface RedisCost {
  readonly units: number;
  /** Commands the server executed per request: an upper bound on round trips (a pipeline sends several in one). */
  readonly commands: number;
  readonly serverUs: number;
  readonly bytesIn: number;
  readonly bytesOut: number;
  /** By command, most frequent first. */
  readonly byCommand: readonly { readonly command: string; readonly calls: number; readonly usec: number }[];
}

/** Commands the bench itself sends to read the counters: never the workload's. */
const ownRedisCommands = new Set(['info', 'client|setname', 'client|setinfo', 'client', 'hello', 'ping']);

/**
 * A counter's growth during the window beyond what the background added in as long: the idle window's rate times
 * the window's length, taken out. Never below zero (the background is noisy; a negative cost means none).
 */
function net(delta: number, idleDelta: number, idleMs: number, windowMs: number): number {
  const background = idleMs > 0 ? (idleDelta * windowMs) / idleMs : 0;
  return Math.max(0, delta - background);
}

function statementsById(counters: PostgresCounters): Map<string, StatementCounter> {
  return new Map(counters.statements.map((s) => [s.queryId, s]));
}

/** A statement's growth between two snapshots (a statement new since `before` counts from zero). */
function statementDeltas(window: CounterWindow<PostgresCounters>): Map<string, StatementCounter> {
  const before = statementsById(window.before);
  const out = new Map<string, StatementCounter>();
  for (const after of window.after.statements) {
    const was = before.get(after.queryId);
    out.set(after.queryId, {
      ...after,
      calls: after.calls - (was?.calls ?? 0),
      execMs: after.execMs - (was?.execMs ?? 0),
      rows: after.rows - (was?.rows ?? 0),
      walBytes: after.walBytes - (was?.walBytes ?? 0),
    });
  }
  return out;
}

/**
 * PostgreSQL's cost per unit of a workload from snapshots around it and around an idle window (the outboxes' polls,
 * the read model's feed, health checks: what the server does with no request at all). `include` keeps only some
 * statements (e.g. the audit trail's) in the statement figures; the database-wide figures always count everything.
 */
export function postgresCost(
  measured: CounterWindow<PostgresCounters>,
  idle: CounterWindow<PostgresCounters> | undefined,
  units: number,
  include: (query: string) => boolean = () => true,
): PostgresCost {
  const windowMs = measured.after.atMs - measured.before.atMs;
  const idleMs = idle ? idle.after.atMs - idle.before.atMs : 0;
  const scalar = (read: (c: PostgresCounters) => number) => {
    const delta = read(measured.after) - read(measured.before);
    const idleDelta = idle ? read(idle.after) - read(idle.before) : 0;
    return units > 0 ? net(delta, idleDelta, idleMs, windowMs) / units : 0;
  };
  const measuredStatements = statementDeltas(measured);
  const idleStatements = idle ? statementDeltas(idle) : new Map<string, StatementCounter>();
  const byStatement: StatementCost[] = [];
  for (const [id, s] of measuredStatements) {
    if (!include(s.query)) continue;
    const quiet = idleStatements.get(id);
    const calls = net(s.calls, quiet?.calls ?? 0, idleMs, windowMs);
    if (calls <= 0 || units <= 0) continue;
    byStatement.push({
      query: s.query,
      calls: calls / units,
      execMs: net(s.execMs, quiet?.execMs ?? 0, idleMs, windowMs) / units,
      walBytes: net(s.walBytes, quiet?.walBytes ?? 0, idleMs, windowMs) / units,
    });
  }
  byStatement.sort((a, b) => b.calls - a.calls || b.execMs - a.execMs);
  const auditRecords = measured.after.auditSeq - measured.before.auditSeq;
  return {
    units,
    transactions: scalar((c) => c.commits + c.rollbacks),
    statements: byStatement.reduce((n, s) => n + s.calls, 0),
    serverMs: byStatement.reduce((n, s) => n + s.execMs, 0),
    walBytes: scalar((c) => c.walBytes),
    rowsWritten: scalar((c) => c.rowsWritten),
    blocksRead: scalar((c) => c.blocksRead),
    blocksHit: scalar((c) => c.blocksHit),
    auditRecords: units > 0 ? auditRecords / units : 0,
    byStatement,
  };
}

/** What one audit record costs PostgreSQL: the trail's own statements only, divided by the records appended. */
export interface AuditRecordCost {
  readonly records: number;
  /** Append transactions per record (one advisory lock each): below 1 when concurrent requests' records share one. */
  readonly transactions: number;
  /** The trail's statements per record, BEGIN and COMMIT of its transactions included. */
  readonly statements: number;
  readonly serverMs: number;
  /** WAL the trail's statements wrote (pg_stat_statements' wal_bytes), per record. */
  readonly walBytes: number;
  readonly byStatement: readonly StatementCost[];
}

/**
 * The trail's share of a workload per record: the statements naming an `audit_` table or taking its append lock,
 * plus a BEGIN and a COMMIT per append transaction (those two are shared with every other transaction of the
 * database, so they are counted from the lock, not from their own counters).
 */
export function auditRecordCost(measured: CounterWindow<PostgresCounters>, idle: CounterWindow<PostgresCounters> | undefined): AuditRecordCost {
  const records = measured.after.auditSeq - measured.before.auditSeq;
  const trail = postgresCost(measured, idle, records, isAuditStatement);
  const transactions = trail.byStatement.filter((s) => /pg_advisory_xact_lock/i.test(s.query)).reduce((n, s) => n + s.calls, 0);
  return {
    records,
    transactions,
    statements: trail.statements + 2 * transactions,
    serverMs: trail.serverMs,
    walBytes: trail.byStatement.reduce((n, s) => n + s.walBytes, 0),
    byStatement: trail.byStatement,
  };
}

/** A statement of the audit trail (its tables, or the advisory lock that serialises its appends). */
export function isAuditStatement(query: string): boolean {
  return /\baudit_(records|head|witness|checkpoints?)\b/i.test(query) || /pg_advisory_xact_lock/i.test(query);
}

/** Redis's cost per request of a workload, the background of an idle window taken out; the bench's own commands ignored. */
export function redisCost(measured: CounterWindow<RedisCounters>, idle: CounterWindow<RedisCounters> | undefined, units: number): RedisCost {
  const windowMs = measured.after.atMs - measured.before.atMs;
  const idleMs = idle ? idle.after.atMs - idle.before.atMs : 0;
  const commandDelta = (window: CounterWindow<RedisCounters>, name: string) => {
    const a = window.after.commands[name];
    const b = window.before.commands[name];
    return { calls: (a?.calls ?? 0) - (b?.calls ?? 0), usec: (a?.usec ?? 0) - (b?.usec ?? 0) };
  };
  const byCommand: { command: string; calls: number; usec: number }[] = [];
  for (const command of Object.keys(measured.after.commands)) {
    if (ownRedisCommands.has(command) || units <= 0) continue;
    const delta = commandDelta(measured, command);
    const quiet = idle ? commandDelta(idle, command) : { calls: 0, usec: 0 };
    const calls = net(delta.calls, quiet.calls, idleMs, windowMs);
    if (calls <= 0) continue;
    byCommand.push({ command, calls: calls / units, usec: net(delta.usec, quiet.usec, idleMs, windowMs) / units });
  }
  byCommand.sort((a, b) => b.calls - a.calls);
  const bytes = (read: (c: RedisCounters) => number) => {
    const delta = read(measured.after) - read(measured.before);
    const idleDelta = idle ? read(idle.after) - read(idle.before) : 0;
    return units > 0 ? net(delta, idleDelta, idleMs, windowMs) / units : 0;
  };
  return {
    units,
    commands: byCommand.reduce((n, c) => n + c.calls, 0),
    serverUs: byCommand.reduce((n, c) => n + c.usec, 0),
    bytesIn: bytes((c) => c.netInputBytes),
    bytesOut: bytes((c) => c.netOutputBytes),
    byCommand,
  };
}

/** `INFO commandstats` and `INFO stats` text → counters (Redis 6+: `cmdstat_<name>:calls=…,usec=…,…`). */
export function parseRedisInfo(text: string, atMs: number): RedisCounters {
  const commands: Record<string, { calls: number; usec: number }> = {};
  let netInputBytes = 0;
  let netOutputBytes = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const command = /^cmdstat_([^:]+):(.*)$/.exec(line);
    if (command?.[1] && command[2] !== undefined) {
      const fields = Object.fromEntries(command[2].split(',').map((pair) => pair.split('=') as [string, string]));
      commands[command[1].toLowerCase()] = { calls: Number(fields.calls ?? 0), usec: Number(fields.usec ?? 0) };
      continue;
    }
    const stat = /^(total_net_input_bytes|total_net_output_bytes):(\d+)$/.exec(line);
    if (stat?.[1] === 'total_net_input_bytes') netInputBytes = Number(stat[2]);
    else if (stat?.[1] === 'total_net_output_bytes') netOutputBytes = Number(stat[2]);
  }
  return { atMs, commands, netInputBytes, netOutputBytes };
}
