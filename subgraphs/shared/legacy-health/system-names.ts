import { legacySystems, perLegacySystem, type LegacySystem } from '../../../schema/index.js';

/** What the supervision room calls each system (French, user-facing): its title in the ministry registry. */
export const legacySystemNames: Readonly<Record<LegacySystem, string>> = perLegacySystem((m) => m.system.title);

/** The field of `LegacySystemHealth` through which a ministry subgraph hands over its system's figures. */
export function figuresFieldOf(system: LegacySystem): `${LegacySystem}Figures` {
  return `${system}Figures`;
}

export { legacySystems };

/** The type's description, the same in every subgraph that declares it (composition hints at any difference). */
export const legacySystemHealthDescription = 'Santé d’un système patrimonial d’un ministère, vue des appels que Guichet lui adresse.';

/** The `system` field's description, the same in every subgraph that declares it. */
export const systemFieldDescription = `Le système : ${legacySystems.slice(0, -1).join(', ')} ou ${legacySystems.at(-1) ?? ''}.`;
