import { registerEnumType } from 'type-graphql';
import { MinistryCode } from '../../../schema/index.js';

/** The graph's ministry enum, registered once for every subgraph that names a ministry (dossiers, supervision). */
registerEnumType(MinistryCode, {
  name: 'MinistryCode',
  description: 'Ministère ou organisme responsable d’une démarche.',
  valuesConfig: {
    CIVIL_REGISTRY: { description: 'État civil (RNEC).' },
    ENERGY: { description: 'Mines et Énergie (CEET).' },
    URBAN_PLANNING: { description: 'Urbanisme, Habitat et Réforme foncière.' },
    SECURITY: { description: 'Sécurité et Protection civile.' },
    JUSTICE: { description: 'Justice et Législation.' },
    MINES: { description: 'Mines et Énergie (titres).' },
    // new-ministry:ministry-code-descriptions
  },
});

export { MinistryCode };
