import { registerEnumType } from 'type-graphql';
import { MinistryCode } from '../../../schema/index.js';

/**
 * The graph's ministry enum, as the dossiers subgraph registers it (subgraphs/dossiers/procedure.ts): the same
 * name, values and descriptions, or composition would report two versions of one type. Both registrations name the
 * same object; keep the texts identical (better: one registration in subgraphs/shared).
 */
registerEnumType(MinistryCode, {
  name: 'MinistryCode',
  description: 'Ministère ou organisme responsable d’une démarche.',
  valuesConfig: {
    CIVIL_REGISTRY: { description: 'État civil (RNEC).' },
    ENERGY: { description: 'Mines et Énergie (CEET).' },
    URBAN_PLANNING: { description: 'Urbanisme, Habitat et Réforme foncière.' },
    SECURITY: { description: 'Sécurité et Protection civile.' },
    JUSTICE: { description: 'Justice et Législation.' },
  },
});

export { MinistryCode };
