import type { LegacySystem } from '../../schema/index.js';

/** Every process of the stack, in start order: identity provider, audit witness, simulators, subgraphs, then the gateway. */
export interface StackService {
  readonly name: string;
  /** Entry point under dist/. */
  readonly entry: string;
  readonly defaultPort: number;
  /** `witness`: the audit trail's witness, started before the gateway and stopped after it (it takes its last checkpoint). */
  readonly tier: 'identity' | 'witness' | 'legacy' | 'subgraph' | 'gateway';
  /** Node options the service runs with unless NODE_OPTIONS says otherwise (given last, it wins). */
  readonly nodeOptions?: string;
  /**
   * A simulator: the system it stands for, and the variable its adapters read its address from (`CEET_URL`), set to
   * the URL it logs (`endpoint`: RNEC's SOAP endpoint) or its origin (the REST systems' base URL).
   */
  readonly legacy?: { readonly system: LegacySystem; readonly urlEnv: string; readonly urlFrom: 'origin' | 'endpoint' };
  /** A ministry subgraph: it keeps an outbox of submissions (OUTBOX_PATH). */
  readonly outbox?: boolean;
}

/**
 * The gateway's heap: a cap, so that V8 collects instead of growing the heap lazily under load (RSS went from 160 to
 * 290 MB without it, at the same throughput), sized with room for its cache budgets, which it checks at start-up.
 */
export const gatewayNodeOptions = '--max-old-space-size=160';

export const stackServices: readonly StackService[] = [
  { name: 'idp', entry: 'idp/main.js', defaultPort: 4300, tier: 'identity' },
  { name: 'witness', entry: 'witness/main.js', defaultPort: 4310, tier: 'witness' },
  { name: 'legacy-rnec', entry: 'legacy/rnec/main.js', defaultPort: 4201, tier: 'legacy', legacy: { system: 'rnec', urlEnv: 'RNEC_URL', urlFrom: 'endpoint' } },
  { name: 'legacy-ceet', entry: 'legacy/ceet/main.js', defaultPort: 4202, tier: 'legacy', legacy: { system: 'ceet', urlEnv: 'CEET_URL', urlFrom: 'origin' } },
  { name: 'legacy-urbanisme', entry: 'legacy/urbanisme/main.js', defaultPort: 4203, tier: 'legacy', legacy: { system: 'urbanisme', urlEnv: 'URBANISME_URL', urlFrom: 'origin' } },
  { name: 'legacy-mines', entry: 'legacy/mines/main.js', defaultPort: 4204, tier: 'legacy', legacy: { system: 'mines', urlEnv: 'MINES_URL', urlFrom: 'origin' } },
  // new-ministry:legacy-services
  { name: 'civil-registry', entry: 'subgraphs/civil-registry/main.js', defaultPort: 4101, tier: 'subgraph', outbox: true },
  { name: 'electricity', entry: 'subgraphs/electricity/main.js', defaultPort: 4102, tier: 'subgraph', outbox: true },
  { name: 'building-permits', entry: 'subgraphs/building-permits/main.js', defaultPort: 4103, tier: 'subgraph', outbox: true },
  { name: 'energy-mines', entry: 'subgraphs/energy-mines/main.js', defaultPort: 4106, tier: 'subgraph', outbox: true },
  // new-ministry:subgraph-services
  { name: 'dossiers', entry: 'subgraphs/dossiers/main.js', defaultPort: 4104, tier: 'subgraph' },
  { name: 'supervision', entry: 'subgraphs/supervision/main.js', defaultPort: 4105, tier: 'subgraph' },
  { name: 'gateway', entry: 'gateway/main.js', defaultPort: 4000, tier: 'gateway', nodeOptions: gatewayNodeOptions },
];

/** The simulators, with the system each stands for. */
export const legacyServices = stackServices.flatMap((service) => (service.legacy ? [{ ...service, legacy: service.legacy }] : []));
