/**
 * Starts a real gateway (SQLite ledger in a temp dir) in front of a fake upstream, with one
 * provider of each kind pointed at the fake. Tests drive it with the official SDKs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from '../../src/gateway/config/index.ts';
import { startGateway, type RunningGateway, type StartGatewayOptions } from '../../src/gateway/server.ts';
import { startFakeUpstream, type FakeUpstream } from './fake-upstream/index.ts';

export const UPSTREAM_KEY = 'sk-upstream-secret-key-123456';

export interface TestGateway {
  readonly gateway: RunningGateway;
  readonly fake: FakeUpstream;
  readonly dir: string;
  readonly url: string;
  close(): Promise<void>;
}

/** `config` is merged over the default; as a function it can also point providers of its own at the fake. */
export async function startTestGateway(
  options: { config?: Record<string, unknown> | ((fake: FakeUpstream) => Record<string, unknown>); gateway?: Partial<StartGatewayOptions> } = {},
): Promise<TestGateway> {
  const fake = await startFakeUpstream({ apiKey: UPSTREAM_KEY });
  const dir = mkdtempSync(join(tmpdir(), 'costops-e2e-'));
  const config = validateConfig({
    server: { port: 0 },
    storage: { url: `sqlite:${join(dir, 'costops.db')}` },
    providers: [
      { name: 'openai', kind: 'openai', base_url: `${fake.url}/v1`, api_key: UPSTREAM_KEY, models: ['*'] },
      { name: 'anthropic', kind: 'anthropic', base_url: fake.url, api_key: UPSTREAM_KEY, models: ['*'] },
      { name: 'gemini', kind: 'gemini', base_url: fake.url, api_key: UPSTREAM_KEY, models: ['*'] },
      { name: 'local', kind: 'openai-compatible', base_url: `${fake.url}/v1`, api_key: UPSTREAM_KEY, models: ['my-local-model'] },
    ],
    ...(typeof options.config === 'function' ? options.config(fake) : options.config),
  });
  const gateway = await startGateway({ config, port: 0, ...options.gateway });
  return {
    gateway,
    fake,
    dir,
    url: gateway.url,
    async close() {
      await gateway.close();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
