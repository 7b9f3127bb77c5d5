/**
 * Child process of the gateway benchmark: the costops gateway as `costops serve` builds it
 * (startGateway), ledger on in a SQLite file (WAL, group commit) in the directory the parent made,
 * auth off, one openai provider pointed at the fake upstream. `close` shuts it down gracefully
 * (in-flight requests finish, the ledger is flushed and closed) before the parent counts the rows.
 */
import { join } from 'node:path';
import { validateConfig } from '../../src/gateway/config/index.ts';
import { startGateway } from '../../src/gateway/server.ts';
import { serveChild } from './child-ipc.ts';

const [upstreamUrl, dir] = process.argv.slice(2);
if (!upstreamUrl || !dir) throw new Error('usage: costops-child.ts <upstream url> <ledger dir>');

const config = validateConfig({
  server: { port: 0, shutdown_grace_ms: 5_000 },
  storage: { url: `sqlite:${join(dir, 'costops.db')}` },
  auth: { mode: 'off' },
  providers: [{ name: 'openai', kind: 'openai', base_url: `${upstreamUrl}/v1`, api_key: 'sk-bench-upstream-key', models: ['*'] }],
});
const gateway = await startGateway({ config, port: 0 });

serveChild({ url: gateway.url }, {
  close: () => gateway.close(),
});
