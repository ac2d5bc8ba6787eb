import type { z } from 'zod';
import type { MinistryDossierAdapter } from '../../../adapters/shared/index.js';
import { runService } from '../../../lib/service/index.js';
import type { MinistryContext } from './ministry-context.js';
import type { MinistryRecord, MinistrySubgraph } from './ministry-subgraph.js';
import { readMinistrySubgraphConfig } from './read-ministry-subgraph-config.js';
import { startMinistrySubgraph } from './start-ministry-subgraph.js';

/** A ministry subgraph's `main.ts`: its environment checked (exit 2 on a bad value), then the server until a signal. */
export function runMinistrySubgraph<S extends z.ZodObject, O, R extends MinistryRecord, I extends object, A extends MinistryDossierAdapter<R, I>, X, C extends MinistryContext<R, A, I>>(
  definition: MinistrySubgraph<S, O, R, I, A, X, C>,
): Promise<void> {
  return runService({
    name: `subgraph-${definition.name}`,
    readConfig: (env) => readMinistrySubgraphConfig(definition, env),
    start: (config, log) => startMinistrySubgraph(definition, config, log),
  });
}
