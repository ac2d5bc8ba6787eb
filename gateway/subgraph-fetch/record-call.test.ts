import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { parseTraceparent, startSpan, traceparentFor, watchSentSpans } from '../../lib/trace/index.js';
import type { GatewayContext } from '../gateway-context.js';
import type { GatewayMetrics } from '../metrics/index.js';
import { bindObservation, observeRequest, type RequestObservation } from '../request-records/request-observation.js';
import { recordCall } from './record-call.js';
import type { SubgraphCall, SubgraphResult } from './subgraph-call.js';

const fetches: [string, string][] = [];
const metrics = { observeSubgraphFetch: (subgraph: string, outcome: string) => void fetches.push([subgraph, outcome]) } as unknown as GatewayMetrics;

/** A request under observation, and a call of `subgraph` the gateway would make for it. */
let requests = 0;
function observedRequest() {
  const req = {} as IncomingMessage;
  requests += 1;
  const context = { traceId: `${String(requests).padStart(2, '0')}f92f3577b34da6a3ce929d0e0e4736` } as unknown as GatewayContext;
  const observation: RequestObservation = {
    startedAtMs: 0,
    startedAt: 0,
    traceId: context.traceId,
    span: startSpan('graphql', { kind: 'server', traceId: context.traceId }),
    sentSpans: watchSentSpans(context.traceId),
    operationName: null,
    operationType: null,
    subgraphs: [],
    legacyCalls: [],
  };
  observeRequest(req, observation);
  bindObservation(req, context);
  const callOf = (subgraph: string) => ({ subgraph, request: { query: '{ x }' }, context, incoming: {}, body: '', timeoutMs: 1_000, headers: {} }) as unknown as SubgraphCall;
  return { observation, callOf };
}

/** The rest of the pipeline answering `build(the parent span its traceparent named)`, sent the way the pipeline does. */
const subgraph = (call: SubgraphCall, build: (parentSpanId: string | undefined) => SubgraphResult) => () => Promise.resolve(build(parseTraceparent(traceparentFor(call.context.traceId))?.spanId));

describe('recordCall', () => {
  it('notes the fetch and the legacy calls its subgraph reported, and strips the report', async () => {
    const { observation, callOf } = observedRequest();
    const call = callOf('electricity');
    const response = await recordCall(metrics)(
      call,
      subgraph(call, (parentSpanId) => ({
        data: { x: 1 },
        extensions: { guichetCalls: { parentSpanId, legacy: [{ system: 'ceet', operation: 'GET /v1/demandes', durationMs: 4, outcome: 'ok' }] }, other: true },
      })),
    );
    expect(response).toEqual({ data: { x: 1 }, extensions: { other: true } });
    expect(observation.subgraphs).toMatchObject([{ subgraph: 'electricity', outcome: 'ok' }]);
    expect(observation.subgraphs[0]).not.toHaveProperty('shared');
    expect(observation.legacyCalls).toEqual([{ subgraph: 'electricity', system: 'ceet', operation: 'GET /v1/demandes', durationMs: 4, outcome: 'ok' }]);
    expect(fetches).toContainEqual(['electricity', 'ok']);
  });

  it("does not count another request's legacy calls (a shared read names another span)", async () => {
    const { observation, callOf } = observedRequest();
    const call = callOf('electricity');
    expect(
      await recordCall(metrics)(
        call,
        subgraph(call, () => ({
          data: { x: 1 },
          extensions: { guichetCalls: { parentSpanId: '00f067aa0ba902b7', legacy: [{ system: 'ceet', operation: 'GET /v1/demandes', durationMs: 4, outcome: 'ok' }] } },
        })),
      ),
    ).toEqual({ data: { x: 1 } });
    expect(observation.subgraphs).toMatchObject([{ subgraph: 'electricity', outcome: 'ok', shared: true }]);
    expect(observation.legacyCalls).toEqual([]);
  });

  it('records errors in the answer and failures by their code', async () => {
    const { observation, callOf } = observedRequest();
    const registry = callOf('civil-registry');
    await recordCall(metrics)(
      registry,
      subgraph(registry, () => ({ data: { x: null }, errors: [{ message: 'down', extensions: { code: 'BACKEND_UNAVAILABLE' } }] })),
    );
    const failing = () => Promise.reject(Object.assign(new Error('timeout'), { extensions: { code: 'BACKEND_TIMEOUT' } }));
    await expect(recordCall(metrics)(callOf('dossiers'), failing)).rejects.toThrow('timeout');
    expect(observation.subgraphs).toMatchObject([
      { subgraph: 'civil-registry', outcome: 'error', code: 'BACKEND_UNAVAILABLE' },
      { subgraph: 'dossiers', outcome: 'error', code: 'BACKEND_TIMEOUT' },
    ]);
  });
});
