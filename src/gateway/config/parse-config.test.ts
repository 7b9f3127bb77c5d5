import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseConfig, type Config, type ConfigFormat } from './index.ts';

const KEYS = { OPENAI_API_KEY: 'sk-test-openai', ANTHROPIC_API_KEY: 'sk-ant-test', GEMINI_API_KEY: 'gm-test' };

/** The SPEC §3 example, verbatim. */
const SPEC_EXAMPLE = `
server:   { port: 4000, host: 127.0.0.1 }
storage:  { url: "sqlite:./data/costops.db" }        # or "postgres://user@127.0.0.1:5432/db"
redis:    { url: "redis://127.0.0.1:6379" }          # optional (§17)
auth:     { mode: "off" }                            # "off" | "keys"; admin_key: \${COSTOPS_ADMIN_KEY}
privacy:  { log_bodies: false }
providers:
  - name: openai                                     # unique; referenced by routing rules
    kind: openai                                     # openai | anthropic | gemini | openai-compatible
    base_url: "https://api.openai.com/v1"
    api_key: \${OPENAI_API_KEY}
    models: ["gpt-4o", "gpt-4o-mini"]                # or ["*"]: any model the catalog prices for this provider
    timeouts: { connect_ms: 5000, first_byte_ms: 60000, total_ms: 600000 }
  - name: anthropic
    kind: anthropic
    base_url: "https://api.anthropic.com"                 # the gateway appends /v1/messages
    api_key: \${ANTHROPIC_API_KEY}
    models: ["*"]
  - name: gemini
    kind: gemini
    base_url: "https://generativelanguage.googleapis.com" # the gateway appends /v1beta/models/…
    api_key: \${GEMINI_API_KEY}
    models: ["gemini-2.5-pro", "gemini-2.5-flash"]
prices:                                              # overrides and additions, USD per 1M tokens
  - { model: "my-finetune", provider: openai, input: 3.0, output: 12.0, cached_input: 1.5 }
budgets:   # scope: {global: true} | any of {tenant, key, user, project, feature, tag: "k=v"} (ANDed); "*" = each value separately
  - { name: acme-monthly, scope: { tenant: acme }, period: month, limit_usd: 100, alert_at: [0.5, 0.8, 1.0], action: block,
      channel: { slack: "https://hooks.slack.com/…" } }
  - { name: per-user-daily, scope: { user: "*" }, period: day, limit_usd: 5, action: downgrade, downgrade_to: gpt-4o-mini }
rate_limits:
  - { scope: { key: "*" }, rpm: 600, tpm: 200000, concurrent: 20 }
cache:    { mode: exact, ttl_s: 604800, max_bytes: 268435456 }
alerts:
  - { name: daily-spend, kind: cost_over_window, window: day, threshold_usd: 50, channel: { webhook: "http://127.0.0.1:9999/hook" } }
`;

const HEADER = 'invalid config costops.config.yaml:';

function parse(text: string, options: { format?: ConfigFormat; env?: Record<string, string>; uses?: string[] } = {}): Config {
  return parseConfig(text, { format: options.format ?? 'yaml', env: options.env ?? KEYS, source: 'costops.config.yaml', ...(options.uses && { uses: options.uses }) });
}

/** The lines of the ConfigError thrown for `text`, header first. */
function errorLines(text: string, options: { format?: ConfigFormat; env?: Record<string, string>; uses?: string[] } = {}): string[] {
  try {
    parse(text, options);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    assert.equal(error.code, 'invalid_config');
    return error.message.split('\n');
  }
  assert.fail('expected the config to be rejected');
}

/** A minimal valid provider list to hang other sections on. */
const OPENAI = `providers:
  - { name: openai, kind: openai, base_url: "https://api.openai.com/v1", api_key: sk-x, models: ["*"] }
`;

test('the SPEC §3 example parses, with env vars filled in and defaults added', () => {
  const config = parse(SPEC_EXAMPLE);
  assert.deepEqual(config.server, { port: 4000, host: '127.0.0.1', body_limit_bytes: 10_485_760, shutdown_grace_ms: 10_000 });
  assert.deepEqual(config.storage, { url: 'sqlite:./data/costops.db' });
  assert.deepEqual(config.redis, { url: 'redis://127.0.0.1:6379' });
  assert.deepEqual(config.auth, { mode: 'off' });
  assert.deepEqual(config.privacy, { log_bodies: false });
  assert.deepEqual(
    config.providers.map((provider) => [provider.name, provider.kind, provider.api_key, provider.models]),
    [
      ['openai', 'openai', 'sk-test-openai', ['gpt-4o', 'gpt-4o-mini']],
      ['anthropic', 'anthropic', 'sk-ant-test', ['*']],
      ['gemini', 'gemini', 'gm-test', ['gemini-2.5-pro', 'gemini-2.5-flash']],
    ],
  );
  assert.deepEqual(config.providers[1]?.timeouts, { connect_ms: 5000, first_byte_ms: 60_000, total_ms: 600_000 });
  assert.equal(config.providers[2]?.base_url, 'https://generativelanguage.googleapis.com');
  assert.deepEqual(config.prices, [{ model: 'my-finetune', provider: 'openai', input: '3', output: '12', cached_input: '1.5' }]);
  assert.deepEqual(config.budgets, [
    {
      name: 'acme-monthly',
      scope: { tenant: 'acme' },
      period: 'month',
      limit_usd: '100',
      alert_at: [0.5, 0.8, 1],
      action: 'block',
      block_status: 429,
      channel: { slack: 'https://hooks.slack.com/…' },
    },
    {
      name: 'per-user-daily',
      scope: { user: '*' },
      period: 'day',
      limit_usd: '5',
      alert_at: [],
      action: 'downgrade',
      downgrade_to: 'gpt-4o-mini',
      block_status: 429,
    },
  ]);
  assert.deepEqual(config.rate_limits, [{ scope: { key: '*' }, rpm: 600, tpm: 200_000, concurrent: 20 }]);
  assert.deepEqual(config.cache, { mode: 'exact', ttl_s: 604_800, max_bytes: 268_435_456, threshold: 0.95 });
  assert.deepEqual(config.alerts, [
    {
      name: 'daily-spend',
      kind: 'cost_over_window',
      window: 'day',
      threshold_usd: '50',
      channel: { webhook: 'http://127.0.0.1:9999/hook' },
    },
  ]);
  assert.equal(config.timezone, 'UTC');
  assert.equal(config.unknown_models, 'allow');
});

test('an empty file is the defaults', () => {
  assert.deepEqual(parse('', { env: {} }), {
    server: { port: 4000, host: '127.0.0.1', body_limit_bytes: 10_485_760, shutdown_grace_ms: 10_000 },
    storage: { url: 'sqlite:./data/costops.db' },
    auth: { mode: 'off' },
    privacy: { log_bodies: false },
    providers: [],
    aliases: {},
    prices: [],
    budgets: [],
    timezone: 'UTC',
    rate_limits: [],
    cache: { mode: 'off', ttl_s: 604_800, max_bytes: 268_435_456, threshold: 0.95 },
    routing: [],
    alerts: [],
    retention: {},
    unknown_models: 'allow',
    fail_open: false,
  });
});

test('a key with no value, as YAML leaves a section whose entries are commented out, takes its default', () => {
  const config = parse('budgets:\n#  - { name: b }\nredis:\n', { env: {} });
  assert.deepEqual(config.budgets, []);
  assert.equal(config.redis, undefined);
});

test('the JSON form gives the same config as the YAML form', () => {
  const json = JSON.stringify({
    server: { port: 8080 },
    providers: [
      { name: 'local', kind: 'openai-compatible', base_url: 'http://127.0.0.1:11434/v1/', models: ['llama3.1'], headers: { 'X-Team': 'ml' } },
    ],
    aliases: { fast: 'llama3.1' },
    prices: [{ model: 'llama3.1', provider: 'local', input: '0', output: '0.0000001' }],
    routing: [{ name: 'cheap', match: { feature: 'summaries' }, target: ['llama3.1'] }],
  });
  const yaml = `
server: { port: 8080 }
providers:
  - name: local
    kind: openai-compatible
    base_url: http://127.0.0.1:11434/v1/
    models: [llama3.1]
    headers: { X-Team: ml }
aliases: { fast: llama3.1 }
prices:
  - { model: llama3.1, provider: local, input: 0, output: 1e-7 }
routing:
  - { name: cheap, match: { feature: summaries }, target: [llama3.1] }
`;
  const fromJson = parse(json, { format: 'json', env: {} });
  assert.deepEqual(fromJson, parse(yaml, { env: {} }));
  // a local server needs no key; the trailing slash is dropped so paths can be appended
  assert.equal(fromJson.providers[0]?.api_key, undefined);
  assert.equal(fromJson.providers[0]?.base_url, 'http://127.0.0.1:11434/v1');
  assert.deepEqual(fromJson.prices[0], { model: 'llama3.1', provider: 'local', input: '0', output: '0.0000001' });
});

test('an enum value not in the list names the key, the choices and what was written', () => {
  const text = `providers:
  - { name: openai, kind: openai, base_url: "https://api.openai.com/v1", api_key: k, models: ["*"] }
  - { name: azure, kind: azure, base_url: "https://x.openai.azure.com", api_key: k, models: ["*"] }
`;
  assert.deepEqual(errorLines(text), [
    HEADER,
    '  providers[1].kind: must be one of openai, anthropic, gemini, openai-compatible (got "azure")',
  ]);
  assert.deepEqual(errorLines(text.replace('kind: azure', 'kind: opnai')), [
    HEADER,
    '  providers[1].kind: must be one of openai, anthropic, gemini, openai-compatible (got "opnai") — did you mean "openai"?',
  ]);
});

test('an unknown key is an error, with the key meant when one is close', () => {
  assert.deepEqual(errorLines('server: { prot: 8080 }\n'), [HEADER, '  server.prot: unknown key — did you mean "port"?']);
  assert.deepEqual(errorLines('server: { tls: true }\n'), [
    HEADER,
    '  server.tls: unknown key — the keys here are port, host, body_limit_bytes, shutdown_grace_ms',
  ]);
  assert.deepEqual(errorLines(`${OPENAI}budget:\n  - { name: b }\n`), [HEADER, '  budget: unknown key — did you mean "budgets"?']);
  assert.deepEqual(
    errorLines(OPENAI.replace('models: ["*"]', 'models: ["*"], timeouts: { total: 5 }')),
    [HEADER, '  providers[0].timeouts.total: unknown key — did you mean "total_ms"?'],
  );
});

test('an unset env var names the key that uses it; its value is not validated further', () => {
  const text = `server: { port: "\${PORT}" }
providers:
  - { name: openai, kind: openai, base_url: "https://api.openai.com/v1", api_key: "\${OPENAI_API_KEY}", models: ["*"] }
`;
  assert.deepEqual(errorLines(text, { env: {} }), [
    HEADER,
    '  server.port: environment variable PORT is not set — export it or write the value in the file',
    '  providers[0].api_key: environment variable OPENAI_API_KEY is not set — export it or write the key in the file',
  ]);
  const config = parse(text, { env: { PORT: '8080', OPENAI_API_KEY: 'sk-env' } });
  assert.equal(config.server.port, 8080);
  assert.equal(config.providers[0]?.api_key, 'sk-env');
});

test('a caller that reads only some paths (the ledger CLI) is not stopped by an unset variable elsewhere', () => {
  const text = `storage: { url: "sqlite:\${DATA:-./data}/costops.db" }
auth: { mode: keys, admin_key: "\${COSTOPS_ADMIN_KEY}" }
providers:
  - { name: openai, kind: openai, base_url: "https://api.openai.com/v1", api_key: "\${OPENAI_API_KEY}", models: ["*"] }
`;
  const ledgerOnly = parse(text, { env: {}, uses: ['storage'] });
  assert.equal(ledgerOnly.storage.url, 'sqlite:./data/costops.db');
  assert.equal(ledgerOnly.providers[0]?.api_key, '${OPENAI_API_KEY}', 'left as written, for a caller that does not read it');
  assert.equal(parse(text, { env: {}, uses: ['storage', 'auth.mode'] }).auth.mode, 'keys', 'auth.admin_key is not within auth.mode');
  assert.deepEqual(errorLines(text, { env: {}, uses: ['storage', 'auth'] }), [
    HEADER,
    '  auth.admin_key: environment variable COSTOPS_ADMIN_KEY is not set — export it or write the key in the file',
  ]);
  // what the schema cannot take as written is named all the same, and so is any other mistake
  assert.deepEqual(errorLines('server: { port: "${PORT}" }\nstorage: { url: "sqlite:x.db" }\n', { env: {}, uses: ['storage'] }), [
    HEADER,
    '  server.port: environment variable PORT is not set — export it or write the value in the file',
  ]);
  assert.deepEqual(errorLines('server: { prot: 4000 }\n', { env: {}, uses: ['storage'] }), [HEADER, '  server.prot: unknown key — did you mean "port"?']);
});

test('${VAR:-default} falls back when the variable is unset or empty', () => {
  const text = 'server: { port: "${PORT:-4100}", host: "${HOST:-0.0.0.0}" }\nstorage: { url: "sqlite:${DATA:-./data}/costops.db" }\n';
  const defaults = parse(text, { env: { HOST: '' } });
  assert.equal(defaults.server.port, 4100);
  assert.equal(defaults.server.host, '0.0.0.0');
  assert.equal(defaults.storage.url, 'sqlite:./data/costops.db');
  const set = parse(text, { env: { PORT: '9000', HOST: '10.0.0.1', DATA: '/var/lib/costops' } });
  assert.equal(set.server.port, 9000);
  assert.equal(set.server.host, '10.0.0.1');
  assert.equal(set.storage.url, 'sqlite:/var/lib/costops/costops.db');
});

test('every problem is reported at once', () => {
  const lines = errorLines(`server: { port: 70000, prot: 1 }
providers:
  - { name: openai, kind: openai, base_url: "ftp://api.openai.com", models: [] }
budgets:
  - { name: b, scope: { tenant: t }, period: mnth, limit_usd: -1, action: block }
fail_open: yes
`);
  assert.deepEqual(lines, [
    HEADER,
    '  server.port: must be at most 65535 (got 70000)',
    '  server.prot: unknown key — did you mean "port"?',
    '  providers[0].base_url: must be an http:// or https:// URL such as "https://api.openai.com/v1" (got "ftp://api.openai.com")',
    '  providers[0].models: must list at least one model name, or ["*"] for any model the catalog prices for this provider',
    '  providers[0].api_key: required for kind "openai" — write api_key: ${OPENAI_API_KEY} and export OPENAI_API_KEY (only openai-compatible servers such as Ollama or vLLM may omit it)',
    '  budgets[0].period: must be one of hour, day, week, month, lifetime (got "mnth") — did you mean "month"?',
    '  budgets[0].limit_usd: must be a non-negative USD amount with at most 9 decimals, such as 100 or "0.25" (got -1)',
    '  fail_open: must be true or false (got "yes")',
  ]);
});

test('YAML and JSON syntax errors give the line and column', () => {
  assert.deepEqual(errorLines('server:\n  port: 4000\n providers: []\n'), [
    HEADER,
    '  line 3, column 1: YAML syntax: All mapping items must start at the same column',
  ]);
  assert.deepEqual(errorLines('a: 1\na: 2\n'), [HEADER, '  line 2, column 1: YAML syntax: Map keys must be unique']);
  assert.deepEqual(errorLines('providers:\n  - { name: o, api_key: ${OPENAI_API_KEY} }\n'), [
    HEADER,
    '  line 2, column 26: YAML syntax: Unexpected flow-map-start at node end — inside { } or [ ], quote placeholders: api_key: "${OPENAI_API_KEY}"',
  ]);
  assert.deepEqual(errorLines('{\n  "server": { "port": 4000 }\n  "cache": {}\n}', { format: 'json' }), [
    HEADER,
    '  line 3, column 3: JSON syntax: Expected \',\' or \'}\' after property value',
  ]);
  assert.deepEqual(errorLines('- server\n'), [HEADER, '  the file must be a mapping of settings such as "server:" (got a list)']);
});
