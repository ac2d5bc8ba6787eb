import { createHash } from 'node:crypto';
import type { GatewayExecutor, GatewayGraphQLRequestContext, GatewayInterface } from '@apollo/server-gateway-interface';
import { print, type DocumentNode, type GraphQLError, type GraphQLFormattedError, type OperationDefinitionNode } from 'graphql';
import { withDeferDirective } from './defer-directive.js';
import { incrementalResponseOf } from './incremental-context.js';
import { hasDefer, planDefer, withoutDefer } from './plan-defer.js';
import { runInParts } from './run-in-parts.js';

export interface DeferOptions {
  /** Apollo Server's error formatting, for the payloads that leave before Apollo Server formats anything. */
  readonly formatErrors: (errors: readonly GraphQLError[]) => GraphQLFormattedError[];
  /** Writes the audit records of what was read under `context` for `operationName`; `false`: that data must not leave. */
  readonly audit: (context: object, operationName: string | null) => Promise<boolean>;
}

/**
 * `@defer` on a gateway whose executor has none (@apollo/gateway plans DeferNodes but refuses to run them). The
 * wrapper adds the directive to the schema Apollo Server validates against, then, for an operation that uses it:
 * without a `multipart/mixed` answer to write (the client did not ask for one), runs it whole; with one, splits it
 * (`planDefer`) and answers in parts (`runInParts`). Everything else is the gateway's own: Apollo Server's pipeline
 * (trusted documents, limits, rate limit, audit, cache policy) runs once, on the document as the client sent it.
 */
export function withDefer(gateway: GatewayInterface, options: DeferOptions): GatewayInterface {
  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => callback({ apiSchema: withDeferDirective(apiSchema), coreSupergraphSdl })),
    stop: () => gateway.stop(),
    async load(loadOptions) {
      const { executor } = await gateway.load(loadOptions);
      return { executor: executor === null ? null : deferExecutor(executor, options) };
    },
  };
}

function deferExecutor(execute: GatewayExecutor, options: DeferOptions): GatewayExecutor {
  return async (requestContext) => {
    const { document, request } = requestContext;
    if (!hasDefer(document)) return execute(requestContext);
    const incremental = incrementalResponseOf(requestContext.context);
    if (incremental === undefined) return execute(derive(requestContext, withoutDefer(document), requestContext.context));
    const plan = planDefer(requestContext.schema, document, request.operationName ?? requestContext.operationName, request.variables);
    if (plan.parts.length === 0) return execute(derive(requestContext, plan.initial.document, requestContext.context));
    const operationName = requestContext.operationName ?? request.operationName ?? null;
    return runInParts(plan, requestContext.context, incremental, {
      execute: (partDocument, context) => execute(derive(requestContext, partDocument, context)),
      formatErrors: options.formatErrors,
      audit: (context) => options.audit(context, operationName),
      headers: () => requestContext.response?.http?.headers ?? [],
    });
  };
}

/**
 * The request context for one operation of the plan: its document, source and hash (the gateway caches plans by
 * hash and operation name), and its context. Everything else (variables, cache policy, metrics) is the request's.
 */
function derive(requestContext: GatewayGraphQLRequestContext, document: DocumentNode, context: object): GatewayGraphQLRequestContext {
  const source = print(document);
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition');
  if (!operation) throw new Error('a planned document without its operation');
  return {
    ...requestContext,
    request: { ...requestContext.request, query: source },
    document,
    source,
    operation,
    queryHash: createHash('sha256').update(source).digest('hex'),
    context,
  };
}
