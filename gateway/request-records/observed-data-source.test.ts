import type { IncomingMessage } from 'node:http';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { describe, expect, it } from 'vitest';
import { parseTraceparent, startSpan, traceparentFor, watchSentSpans } from '../../lib/trace/index.js';
import type { GatewayContext } from '../gateway-context.js';
import type { GatewayMetrics } from '../metrics/index.js';
import { observeDataSource } from './observed-data-source.js';
import { bindObservation, observeRequest, type RequestObservation } from './request-observation.js';

type Response = Awaited<ReturnType<GraphQLDataSource['process']>>;

const fetches: [string, string][] = [];
const metrics = { observeSubgraphFetch: (subgraph: string, outcome: string) => void fetches.push([subgraph, outcome]) } as unknown as GatewayMetrics;

/** A request under observation, and the options the gateway would pass the data source for it. */
let requests = 0;
function observedRequest() {
  const req = {} as IncomingMessage;
  requests += 1;
  const context = { traceId: `${String(requests).padStart(2, '0')}f92f3577b34da6a3ce929d0e0e4736` } as unknown as GatewayContext;
  const observation: RequestObservation = { startedAtMs: 0, startedAt: 0, traceId: context.traceId, span: startSpan('graphql', { kind: 'server', traceId: context.traceId }), sentSpans: watchSentSpans(context.traceId), operationName: null, operationType: null, subgraphs: [], legacyCalls: [] };
  observeRequest(req, observation);
  bindObservation(req, context);
  const options = { kind: 'incoming operation', request: { query: '{ x }' }, context, incomingRequestContext: {} } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
  return { observation, options };
}

/** A subgraph answering `build(the parent span its traceparent named)`, sent the way the pooled data source does. */
const subgraph = (build: (parentSpanId: string | undefined) => Response): GraphQLDataSource<GatewayContext> => ({
  process: (options) => Promise.resolve(build(parseTraceparent(traceparentFor(options.context.traceId))?.spanId)),
});

describe('observeDataSource', () => {
  it('notes the fetch and the legacy calls its subgraph reported, and strips the report', async () => {
    const { observation, options } = observedRequest();
    const source = observeDataSource('electricity', subgraph((parentSpanId) => ({ data: { x: 1 }, extensions: { guichetCalls: { parentSpanId, legacy: [{ system: 'ceet', operation: 'GET /v1/demandes', durationMs: 4, outcome: 'ok' }] }, other: true } })), metrics);
    const response = await source.process(options);
    expect(response).toEqual({ data: { x: 1 }, extensions: { other: true } });
    expect(observation.subgraphs).toMatchObject([{ subgraph: 'electricity', outcome: 'ok' }]);
    expect(observation.subgraphs[0]).not.toHaveProperty('shared');
    expect(observation.legacyCalls).toEqual([{ subgraph: 'electricity', system: 'ceet', operation: 'GET /v1/demandes', durationMs: 4, outcome: 'ok' }]);
    expect(fetches).toContainEqual(['electricity', 'ok']);
  });

  it("does not count another request's legacy calls (a shared read names another span)", async () => {
    const { observation, options } = observedRequest();
    const source = observeDataSource('electricity', subgraph(() => ({ data: { x: 1 }, extensions: { guichetCalls: { parentSpanId: '00f067aa0ba902b7', legacy: [{ system: 'ceet', operation: 'GET /v1/demandes', durationMs: 4, outcome: 'ok' }] } } })), metrics);
    expect(await source.process(options)).toEqual({ data: { x: 1 } });
    expect(observation.subgraphs).toMatchObject([{ subgraph: 'electricity', outcome: 'ok', shared: true }]);
    expect(observation.legacyCalls).toEqual([]);
  });

  it('records errors in the answer and failures by their code', async () => {
    const { observation, options } = observedRequest();
    await observeDataSource('civil-registry', subgraph(() => ({ data: { x: null }, errors: [{ message: 'down', extensions: { code: 'BACKEND_UNAVAILABLE' } }] })), metrics).process(options);
    const failing: GraphQLDataSource<GatewayContext> = { process: () => Promise.reject(Object.assign(new Error('timeout'), { extensions: { code: 'BACKEND_TIMEOUT' } })) };
    await expect(observeDataSource('dossiers', failing, metrics).process(options)).rejects.toThrow('timeout');
    expect(observation.subgraphs).toMatchObject([
      { subgraph: 'civil-registry', outcome: 'error', code: 'BACKEND_UNAVAILABLE' },
      { subgraph: 'dossiers', outcome: 'error', code: 'BACKEND_TIMEOUT' },
    ]);
  });
});
