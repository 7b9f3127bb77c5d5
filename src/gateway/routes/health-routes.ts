/** `GET /healthz` (the process answers) and `GET /readyz` (the ledger store answers too). */
import { Hono } from 'hono';
import type { LedgerStore } from '../../core/ports/index.ts';

export function healthRoutes(store: LedgerStore): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await store.listRequests({ limit: 1 });
      return c.json({ status: 'ready' });
    } catch (error) {
      return c.json({ status: 'unavailable', reason: error instanceof Error ? error.message : String(error) }, 503);
    }
  });
  return app;
}
