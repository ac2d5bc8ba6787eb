import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import type { LegacySystem } from '../../../adapters/shared/index.js';
import { RequiresScopes } from '../authorization/index.js';
import type { ReferenceResolvers } from '../server/build-subgraph-schema.js';
import { DateTimeScalar } from '../dossier/scalars.js';
import { LegacySystemFigures } from './legacy-system-figures.js';
import { figuresFieldOf, legacySystemHealthDescription, legacySystems, systemFieldDescription } from './system-names.js';

/** Every figure of every ministry's field: what each public field of the hub requires. */
const figureFields = 'name successRate latencyMsP50 latencyMsP95 calls circuit lastFailureAt lastFailureCode';
const requiresAll = `@requires(fields: "${legacySystems.map((system) => `${figuresFieldOf(system)} { ${figureFields} }`).join(' ')}")`;

/**
 * `LegacySystemHealth` as the supervision subgraph serves it: it returns `{ system }` handles (from
 * `supervision.legacySystems`), and the gateway fetches each ministry's `<system>Figures` in parallel, then hands them
 * back here through `@requires`; the reference resolver below picks the figures of the handle's own system. Include
 * the class (as an orphaned type or through a field returning it) and `legacySystemHealthHubReferenceResolvers`.
 * Supervisors only, like the figures they require (composition insists).
 */
// The `<system>Figures` fields are external here (declared after the class, one per system of the list) and hidden
// from clients by their owners' `@inaccessible`.
@Directive('@key(fields: "system")')
@ObjectType('LegacySystemHealth', { description: legacySystemHealthDescription })
export class LegacySystemHealthHub {
  @Field(() => String, { description: systemFieldDescription })
  system!: string;

  @Directive(requiresAll)
  @RequiresScopes(['supervision:read'])
  @Field(() => String, { nullable: true, description: 'Nom du système.' })
  name?: string | null;

  @Directive(requiresAll)
  @RequiresScopes(['supervision:read'])
  @Field(() => Float, { nullable: true, description: 'Part des appels réussis sur les cinq dernières minutes (0 à 1) ; null sans appel.' })
  successRate?: number | null;

  @Directive(requiresAll)
  @RequiresScopes(['supervision:read'])
  @Field(() => Float, { nullable: true, description: 'Latence médiane des appels des cinq dernières minutes, en millisecondes.' })
  latencyMsP50?: number | null;

  @Directive(requiresAll)
  @RequiresScopes(['supervision:read'])
  @Field(() => Float, { nullable: true, description: 'Latence au 95e centile des appels des cinq dernières minutes, en millisecondes.' })
  latencyMsP95?: number | null;

  @Directive(requiresAll)
  @RequiresScopes(['supervision:read'])
  @Field(() => Int, { nullable: true, description: 'Appels des cinq dernières minutes.' })
  calls?: number | null;

  @Directive(requiresAll)
  @RequiresScopes(['supervision:read'])
  @Field(() => String, { nullable: true, description: 'État du disjoncteur : closed (fermé), open (ouvert) ou half-open (essai en cours).' })
  circuit?: string | null;

  @Directive(requiresAll)
  @RequiresScopes(['supervision:read'])
  @Field(() => DateTimeScalar, { nullable: true, description: 'Dernier échec constaté.' })
  lastFailureAt?: Date | null;

  @Directive(requiresAll)
  @RequiresScopes(['supervision:read'])
  @Field(() => String, { nullable: true, description: 'Code du dernier échec (BACKEND_TIMEOUT, CIRCUIT_OPEN…).' })
  lastFailureCode?: string | null;
}

// One `<system>Figures` field per legacy system: decorators applied by hand, since the names come from the list.
for (const system of legacySystems) {
  Field(() => LegacySystemFigures, { nullable: true })(LegacySystemHealthHub.prototype, figuresFieldOf(system));
  Directive('@external')(LegacySystemHealthHub.prototype, figuresFieldOf(system));
}

type Representation = { readonly system: string } & Partial<Record<`${LegacySystem}Figures`, Partial<LegacySystemFigures> | null>>;

/** The public fields of a handle, from the figures its own system's ministry handed over (nulls if it did not). */
export function healthOfRepresentation(representation: Representation): LegacySystemHealthHub {
  const own = legacySystems.find((system) => system === representation.system);
  const figures = own === undefined ? undefined : representation[figuresFieldOf(own)];
  const lastFailureAt = figures?.lastFailureAt;
  return {
    system: representation.system,
    name: figures?.name ?? null,
    successRate: figures?.successRate ?? null,
    latencyMsP50: figures?.latencyMsP50 ?? null,
    latencyMsP95: figures?.latencyMsP95 ?? null,
    calls: figures?.calls ?? null,
    circuit: figures?.circuit ?? null,
    // Required fields arrive serialised: the DateTime is a string here.
    lastFailureAt: lastFailureAt === undefined || lastFailureAt === null ? null : new Date(lastFailureAt),
    lastFailureCode: figures?.lastFailureCode ?? null,
  };
}

export const legacySystemHealthHubReferenceResolvers: ReferenceResolvers = {
  LegacySystemHealth: { __resolveReference: (representation: Representation) => healthOfRepresentation(representation) },
};
