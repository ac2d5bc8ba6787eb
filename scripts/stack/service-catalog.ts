import { connectedMinistries, type LegacySystem } from '../../schema/index.js';

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
  /**
   * Subgraphs this one reads besides the gateway's calls (the supervision subgraph reads the ministry subgraphs'
   * outbox outcomes, the webhooks subgraph the supervision's event stream): it starts after them, told their URLs
   * (`SUBGRAPH_<NAME>_URL`).
   */
  readonly reads?: readonly string[];
}

/**
 * The gateway's heap: a cap, so that V8 collects instead of growing the heap lazily under load (RSS went from 160 to
 * 290 MB without it, at the same throughput), sized with room for its cache budgets, which it checks at start-up.
 */
export const gatewayNodeOptions = '--max-old-space-size=160';

/** Each connected ministry's simulator (`legacy-<system>`), from its row of the ministry registry. */
const ministryLegacyServices: readonly StackService[] = connectedMinistries.map(({ system }) => ({
  name: `legacy-${system.code}`,
  entry: `legacy/${system.code}/main.js`,
  defaultPort: system.legacyPort,
  tier: 'legacy',
  legacy: { system: system.code, urlEnv: system.urlEnv, urlFrom: system.urlFrom },
}));

/** Each connected ministry's subgraph, from its row of the ministry registry: each keeps an outbox of submissions. */
const ministrySubgraphServices: readonly StackService[] = connectedMinistries.map(({ subgraph }) => ({
  name: subgraph.name,
  entry: `subgraphs/${subgraph.name}/main.js`,
  defaultPort: subgraph.port,
  tier: 'subgraph',
  outbox: true,
}));

export const stackServices: readonly StackService[] = [
  { name: 'idp', entry: 'idp/main.js', defaultPort: 4300, tier: 'identity' },
  { name: 'witness', entry: 'witness/main.js', defaultPort: 4310, tier: 'witness' },
  ...ministryLegacyServices,
  ...ministrySubgraphServices,
  { name: 'dossiers', entry: 'subgraphs/dossiers/main.js', defaultPort: 4104, tier: 'subgraph' },
  { name: 'supervision', entry: 'subgraphs/supervision/main.js', defaultPort: 4105, tier: 'subgraph', reads: ministrySubgraphServices.map((s) => s.name) },
  { name: 'webhooks', entry: 'subgraphs/webhooks/main.js', defaultPort: 4107, tier: 'subgraph', reads: ['supervision'] },
  { name: 'gateway', entry: 'gateway/main.js', defaultPort: 4000, tier: 'gateway', nodeOptions: gatewayNodeOptions },
];

/**
 * The subgraphs in start order, each wave after the ones it `reads`: a list of waves, every subgraph in the first wave
 * whose services it reads all come before.
 */
export function subgraphWaves(services: readonly StackService[] = stackServices): readonly (readonly StackService[])[] {
  const subgraphs = services.filter((s) => s.tier === 'subgraph');
  const placed = new Set<string>();
  const waves: StackService[][] = [];
  while (placed.size < subgraphs.length) {
    const wave = subgraphs.filter((s) => !placed.has(s.name) && (s.reads ?? []).every((name) => placed.has(name)));
    if (wave.length === 0)
      throw new Error(
        `subgraphs that read each other: ${subgraphs
          .filter((s) => !placed.has(s.name))
          .map((s) => s.name)
          .join(', ')}`,
      );
    for (const s of wave) placed.add(s.name);
    waves.push(wave);
  }
  return waves;
}

/** The simulators, with the system each stands for. */
export const legacyServices = stackServices.flatMap((service) => (service.legacy ? [{ ...service, legacy: service.legacy }] : []));
