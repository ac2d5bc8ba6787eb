import { Directive, Field, ObjectType } from 'type-graphql';
import type { LegacySystem } from '../../../adapters/shared/index.js';
import { RequiresScopes } from '../authorization/index.js';
import type { ReferenceResolvers } from '../server/build-subgraph-schema.js';
import { currentLegacyFigures } from './current-figures.js';
import { LegacySystemFigures } from './legacy-system-figures.js';
import { figuresFieldOf, legacySystemHealthDescription, systemFieldDescription } from './system-names.js';

export interface MinistryLegacyHealth {
  /** The `LegacySystemHealth` entity class of this ministry (an orphaned type: no root field returns it). */
  readonly type: Function;
  readonly referenceResolvers: ReferenceResolvers;
}

const built = new Map<LegacySystem, MinistryLegacyHealth>();

/**
 * A ministry subgraph's part of `LegacySystemHealth @key(fields: "system")`: one field, `<system>Figures`, with its
 * own system's figures (null for any other system). Each ministry contributes a field of its own because the query
 * planner sends all representations of an entity field to one subgraph: three ministries sharing one `name` field
 * would have a single one of them answer for every system. The subgraph serving `LegacySystemHealth` requires the
 * fields of every system and exposes the public ones (see `LegacySystemHealthHub`). Supervisors only.
 */
export function ministryLegacyHealth(system: LegacySystem): MinistryLegacyHealth {
  const existing = built.get(system);
  if (existing) return existing;
  const field = figuresFieldOf(system);

  @Directive('@key(fields: "system")')
  @ObjectType('LegacySystemHealth', { description: legacySystemHealthDescription })
  class LegacySystemHealth {
    @Field(() => String, { description: systemFieldDescription })
    system!: string;
  }
  // A property named after the system: decorators applied by hand, since the name is only known here.
  Field(() => LegacySystemFigures, { nullable: true, description: `Santé de ${system}, vue par son ministère.` })(LegacySystemHealth.prototype, field);
  Directive('@inaccessible')(LegacySystemHealth.prototype, field);
  RequiresScopes(['supervision:read'])(LegacySystemHealth.prototype, field);

  const parts: MinistryLegacyHealth = {
    type: LegacySystemHealth,
    referenceResolvers: {
      LegacySystemHealth: {
        __resolveReference: (reference: { readonly system: string }) => ({ system: reference.system, [field]: reference.system === system ? currentLegacyFigures(system) : null }),
      },
    },
  };
  built.set(system, parts);
  return parts;
}
