/** `GET /metrics`: the Prometheus text exposition of one gateway's registry. */
import { Hono } from 'hono';
import type { Registry } from 'prom-client';

export function metricsRoutes(registry: Registry): Hono {
  const app = new Hono();
  app.get('/metrics', async () => new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType } }));
  return app;
}
