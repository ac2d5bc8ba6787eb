import { ErrorCode } from '../../schema/index.js';
import { nullEntities, type NullableFields } from './null-entities.js';
import { SubgraphCallError } from './subgraph-call-error.js';
import type { Step, SubgraphResult } from './subgraph-call.js';

/**
 * An unreachable or too slow subgraph fails only its own part: an entity fetch is answered with nulls plus the typed
 * error (see `nullEntities`), so the rest of the plan (the other ministries' dossiers) still runs. A subgraph that
 * answered nonsense (BAD_BACKEND_RESPONSE), or any other fetch, fails.
 */
export function answerEntitiesWithNulls(nullable: NullableFields): Step<SubgraphResult> {
  return async (call, next) => {
    try {
      return await next();
    } catch (error) {
      const { query, variables } = call.request;
      const representations = variables?.representations;
      if (!(error instanceof SubgraphCallError) || error.code === ErrorCode.BAD_BACKEND_RESPONSE || !Array.isArray(representations) || !query) throw error;
      const data = nullEntities(query, representations, nullable);
      if (!data) throw error;
      return { data, errors: [{ message: error.message, extensions: { ...error.extensions } }] };
    }
  };
}
