/**
 * `createMetrics` behind a real Express app on 127.0.0.1, port 0: the exposition format, route labels
 * that stay patterns, collectors (working, throwing, hanging) and one registry per call.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMetrics, type Metrics } from './metrics.js';

const TYPES = {
  histogram: [
    'http_request_duration_seconds',
    'graphql_operation_duration_seconds',
    'training_epoch_duration_seconds',
  ],
  counter: ['graphql_errors_total', 'metrics_collector_errors_total'],
  gauge: ['training_runs', 'training_queue_depth', 'graphql_live_subscriptions', 'websocket_connections'],
};

function reply(status: number): express.RequestHandler {
  return (_req, res) => void res.status(status).json({});
}

describe('createMetrics over HTTP', () => {
  const metrics: Metrics = createMetrics({ collectDefault: false });
  let server: Server;
  let base: string;
  const scrape = async () => (await fetch(`${base}/metrics`)).text();

  beforeAll(async () => {
    const app = express();
    app.use(metrics.httpMetricsMiddleware);
    app.get('/items/:id', reply(200));
    app.use('/api', express.Router().get('/runs/:runId', reply(404)));
    app.use('/graphql', reply(200));
    app.get('/metrics', metrics.metricsHandler);
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('should serve every metric with HELP and TYPE lines in the registry content type', async () => {
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(metrics.registry.contentType);
    const text = await res.text();
    for (const [type, names] of Object.entries(TYPES)) {
      for (const name of names) {
        expect(text).toContain(`# HELP sales_forecast_${name} `);
        expect(text).toContain(`# TYPE sales_forecast_${name} ${type}`);
      }
    }
    expect(text).not.toContain('process_cpu');
  });

  it('should label requests with the route pattern when the URL carries ids', async () => {
    for (const path of [
      '/items/42',
      '/items/43?x=1',
      '/api/runs/abc',
      '/graphql?query=%7Ba%7D',
      '/no/where',
    ]) {
      await fetch(`${base}${path}`);
    }
    // The observation is made on the response's `close` event, which may trail the client's read by a tick.
    const name = 'sales_forecast_http_request_duration_seconds_count';
    let text = '';
    for (let i = 0; i < 100 && !text.includes('route="unmatched"'); i += 1) text = await scrape();
    expect(text).toContain(`${name}{method="GET",route="/items/:id",status="200"} 2`);
    expect(text).toContain(`${name}{method="GET",route="/api/runs/:runId",status="404"} 1`);
    expect(text).toContain(`${name}{method="GET",route="/graphql",status="200"} 1`);
    expect(text).toContain(`${name}{method="GET",route="unmatched",status="404"} 1`);
    expect(text).not.toMatch(/route="[^"]*(42|43|abc|where)/);
  });

  it('should still answer 200 with NaN gauges when the collectors throw', async () => {
    let broken = false;
    metrics.setRunStatusCollector(async () => {
      if (broken) throw new Error('database down');
      return { RUNNING: 1 };
    });
    metrics.setQueueDepthCollector(() => {
      throw new Error('sync failure');
    });
    expect(await scrape()).toContain('sales_forecast_training_runs{status="RUNNING"} 1');
    broken = true;
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    // prom-client writes NaN as `Nan`; Prometheus parses it case-insensitively.
    expect(text).toContain('sales_forecast_training_runs{status="RUNNING"} Nan');
    expect(text).toContain('sales_forecast_training_queue_depth Nan');
    expect(text).toContain('sales_forecast_metrics_collector_errors_total{collector="run_status"} 1');
    expect(text).toContain('sales_forecast_metrics_collector_errors_total{collector="queue_depth"} 2');
  });
});

describe('createMetrics', () => {
  it('should export the collected run counts and queue depth when collectors are set', async () => {
    const metrics = createMetrics({ collectDefault: false });
    let counts: Record<string, number> = { QUEUED: 2, RUNNING: 1, SUCCEEDED: 7 };
    metrics.setRunStatusCollector(async () => counts);
    metrics.setQueueDepthCollector(async () => 2);
    let text = await metrics.registry.metrics();
    expect(text).toContain('sales_forecast_training_runs{status="QUEUED"} 2');
    expect(text).toContain('sales_forecast_training_runs{status="RUNNING"} 1');
    expect(text).toContain('sales_forecast_training_runs{status="SUCCEEDED"} 7');
    expect(text).toContain('sales_forecast_training_queue_depth 2');

    counts = { SUCCEEDED: 10 };
    text = await metrics.registry.metrics();
    expect(text).toContain('sales_forecast_training_runs{status="QUEUED"} 0');
    expect(text).toContain('sales_forecast_training_runs{status="SUCCEEDED"} 10');
  });

  it('should answer within the collector timeout when a collector hangs', async () => {
    const metrics = createMetrics({ collectDefault: false, collectorTimeoutMs: 100 });
    metrics.setQueueDepthCollector(() => new Promise<number>(() => {}));
    const start = Date.now();
    const text = await metrics.registry.metrics();
    expect(Date.now() - start).toBeLessThan(1000);
    expect(text).toContain('sales_forecast_training_queue_depth Nan');
  });

  it('should keep registries apart when created twice', async () => {
    const a = createMetrics({ collectDefault: false });
    const b = createMetrics({ collectDefault: false });
    a.graphqlErrors.inc({ code: 'NOT_FOUND' });
    a.epochDuration.observe({ category: 'Beauty' }, 1.5);
    a.wsConnections.inc();
    const [textA, textB] = await Promise.all([a.registry.metrics(), b.registry.metrics()]);
    expect(textA).toContain('sales_forecast_graphql_errors_total{code="NOT_FOUND"} 1');
    expect(textA).toContain('sales_forecast_training_epoch_duration_seconds_sum{category="Beauty"} 1.5');
    expect(textA).toContain('sales_forecast_websocket_connections 1');
    expect(textB).not.toContain('NOT_FOUND');
    expect(textB).toContain('sales_forecast_websocket_connections 0');
  });

  it('should prefix the default process metrics when collectDefault is on', async () => {
    const text = await createMetrics({ prefix: 'test_' }).registry.metrics();
    expect(text).toContain('# TYPE test_process_cpu_seconds_total counter');
    expect(text).toContain('# TYPE test_http_request_duration_seconds histogram');
  });
});
