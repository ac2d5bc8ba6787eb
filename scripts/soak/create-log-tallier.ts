/** What the services' own logs say about the run: the outboxes' work, and anything logged as an error. */
export interface ServiceLogTally {
  /** Queued submissions the forwarders delivered. */
  readonly forwarderDeliveries: number;
  /** Of those, found already filed by an earlier attempt (`find` hit): the exactly-once reconciliation at work. */
  readonly reconciledDeliveries: number;
  /** Deliveries that outlived their lease (the lease is then too short: another owner may deliver concurrently). */
  readonly leasesLost: number;
  /** Lines at level error or above, by service. */
  readonly errorsByService: Readonly<Record<string, number>>;
  /** The last few such lines, for the report. */
  readonly lastErrors: readonly string[];
}

export interface LogTallier {
  readonly onLine: (service: string, line: string) => void;
  snapshot(): ServiceLogTally;
}

/** Counts from pino's JSON lines; `forward` still receives every line. */
export function createLogTallier(forward?: (service: string, line: string) => void): LogTallier {
  let forwarderDeliveries = 0;
  let reconciledDeliveries = 0;
  let leasesLost = 0;
  const errorsByService: Record<string, number> = {};
  const lastErrors: string[] = [];
  return {
    onLine(service, line) {
      forward?.(service, line);
      if (!line.startsWith('{')) return;
      let entry: { level?: unknown; msg?: unknown; reconciled?: unknown };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        return;
      }
      if (entry.msg === 'queued submission delivered') {
        forwarderDeliveries += 1;
        if (entry.reconciled === true) reconciledDeliveries += 1;
      } else if (typeof entry.msg === 'string' && entry.msg.startsWith('outbox lease lost')) {
        leasesLost += 1;
      }
      if (typeof entry.level === 'number' && entry.level >= 50) {
        errorsByService[service] = (errorsByService[service] ?? 0) + 1;
        lastErrors.push(`[${service}] ${line.slice(0, 400)}`);
        if (lastErrors.length > 10) lastErrors.shift();
      }
    },
    snapshot: () => ({ forwarderDeliveries, reconciledDeliveries, leasesLost, errorsByService: { ...errorsByService }, lastErrors: [...lastErrors] }),
  };
}
