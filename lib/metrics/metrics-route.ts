import type { RouteHandler } from '../http/index.js';
import { sendJson } from '../http/index.js';
import { mayReadMetrics } from './metrics-access.js';

/** The Prometheus text exposition format, version 0.0.4 (what prom-client renders). */
export const prometheusContentType = 'text/plain; version=0.0.4; charset=utf-8';

export interface MetricsRouteOptions {
  /** The exposition text: this process's registry, or the whole cluster's. */
  readonly render: () => Promise<string>;
  /** `METRICS_TOKEN`; absent: loopback only (see mayReadMetrics). */
  readonly token: string | undefined;
}

/** `GET /metrics`: 401 with a token configured and not presented, 403 from elsewhere than this machine. */
export function createMetricsRoute({ render, token }: MetricsRouteOptions): RouteHandler {
  return async (req, res) => {
    if (!mayReadMetrics(req, token)) {
      if (token !== undefined) return sendJson(res, 401, { error: 'metrics need a bearer token' }, { 'www-authenticate': 'Bearer', 'cache-control': 'no-store' });
      return sendJson(res, 403, { error: 'metrics are served to this machine only (set METRICS_TOKEN to read them from elsewhere)' }, { 'cache-control': 'no-store' });
    }
    const body = await render();
    res.writeHead(200, { 'content-type': prometheusContentType, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
    res.end(body);
  };
}
