import { registerEnumType } from 'type-graphql';
import { MinistryCode, ministries } from '../../../schema/index.js';

/**
 * The graph's ministry enum, registered once for every subgraph that names a ministry (dossiers, supervision): its
 * values and their descriptions come from the ministry registry (`schema/ministries.ts`).
 */
registerEnumType(MinistryCode, {
  name: 'MinistryCode',
  description: 'Ministère ou organisme responsable d’une démarche.',
  valuesConfig: Object.fromEntries(ministries.map((m) => [m.code, { description: m.enumDescription }])),
});

export { MinistryCode };
