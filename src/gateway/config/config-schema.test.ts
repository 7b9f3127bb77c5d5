import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseConfig, type Config, type ConfigFormat } from './index.ts';

// The rules of each section of the config, checked through the messages a user would read.

const KEYS = { OPENAI_API_KEY: 'sk-test-openai', ANTHROPIC_API_KEY: 'sk-ant-test', GEMINI_API_KEY: 'gm-test' };

const HEADER = 'invalid config costops.config.yaml:';

function parse(text: string, options: { format?: ConfigFormat; env?: Record<string, string> } = {}): Config {
  return parseConfig(text, { format: options.format ?? 'yaml', env: options.env ?? KEYS, source: 'costops.config.yaml' });
}

/** The lines of the ConfigError thrown for `text`, header first. */
function errorLines(text: string, options: { format?: ConfigFormat; env?: Record<string, string> } = {}): string[] {
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

test('duplicate provider, budget, alert and routing names', () => {
  const text = `providers:
  - { name: openai, kind: openai, base_url: "https://api.openai.com/v1", api_key: k, models: ["*"] }
  - { name: openai, kind: openai, base_url: "https://eu.api.openai.com/v1", api_key: k, models: ["*"] }
budgets:
  - { name: monthly, scope: { global: true }, period: month, limit_usd: 100, action: block }
  - { name: monthly, scope: { tenant: acme }, period: month, limit_usd: 10, action: block }
alerts:
  - { name: spend, kind: request_cost, threshold_usd: 1, channel: { webhook: "http://127.0.0.1:9999/hook" } }
  - { name: spend, kind: unpriced_model, channel: { webhook: "http://127.0.0.1:9999/hook" } }
routing:
  - { name: r, match: {}, target: gpt-4o-mini }
  - { name: r, match: {}, target: gpt-4o }
`;
  assert.deepEqual(errorLines(text), [
    HEADER,
    '  providers[1].name: duplicate name "openai" (also providers[0]) — names must be unique; rename one',
    '  budgets[1].name: duplicate name "monthly" (also budgets[0]) — names must be unique; rename one',
    '  routing[1].name: duplicate name "r" (also routing[0]) — names must be unique; rename one',
    '  alerts[1].name: duplicate name "spend" (also alerts[0]) — names must be unique; rename one',
  ]);
});

test('a duplicate name is reported even when another field of the entry is wrong', () => {
  const text = `budgets:
  - { name: b, scope: { tenant: t }, period: month, limit_usd: 1, action: block }
  - { name: b, scope: { tenant: t }, period: often, limit_usd: 1, action: block }
`;
  assert.deepEqual(errorLines(text), [
    HEADER,
    '  budgets[1].period: must be one of hour, day, week, month, lifetime (got "often")',
    '  budgets[1].name: duplicate name "b" (also budgets[0]) — names must be unique; rename one',
  ]);
});

test('a downgrade budget needs downgrade_to, and only a downgrade budget may have one', () => {
  const text = `budgets:
  - { name: a, scope: { user: "*" }, period: day, limit_usd: 5, action: downgrade }
  - { name: b, scope: { user: "*" }, period: day, limit_usd: 5, action: block, downgrade_to: gpt-4o-mini }
`;
  assert.deepEqual(errorLines(text), [
    HEADER,
    '  budgets[0].downgrade_to: required when action is "downgrade" — name the cheaper model to use, e.g. downgrade_to: gpt-4o-mini',
    '  budgets[1].downgrade_to: only used when action is "downgrade" (action is "block") — remove it or set action: downgrade',
  ]);
});

test('a budget scope must name something, and global stands alone', () => {
  const text = `budgets:
  - { name: a, scope: {}, period: day, limit_usd: 5, action: block }
  - { name: b, scope: { global: true, tenant: acme }, period: day, limit_usd: 5, action: block }
  - { name: c, scope: { tag: team }, period: day, limit_usd: 5, action: block }
  - { name: d, scope: { tag: "team=*", feature: chat }, period: lifetime, limit_usd: "0.5", action: alert-only, block_status: 402 }
`;
  assert.deepEqual(errorLines(text), [
    HEADER,
    '  budgets[0].scope: must name at least one of global, tenant, key, user, project, feature, tag — e.g. { tenant: acme } or { global: true }',
    '  budgets[1].scope.global: cannot be combined with tenant — global covers all traffic; remove global or the other keys',
    '  budgets[2].scope.tag: must look like "name=value" (write "name=*" for each value of the tag separately)',
  ]);
});

test('budget amounts are exact decimals; block_status is 429 or 402', () => {
  const config = parse(`budgets:
  - { name: a, scope: { key: "*" }, period: week, limit_usd: "12.345678901", action: block, block_status: "402" }
  - { name: b, scope: { project: p }, period: hour, limit_usd: 0.1, action: block }
`);
  assert.equal(config.budgets[0]?.limit_usd, '12.345678901');
  assert.equal(config.budgets[0]?.block_status, 402);
  assert.equal(config.budgets[1]?.limit_usd, '0.1');
  assert.deepEqual(
    errorLines(`budgets:
  - { name: a, scope: { key: "*" }, period: week, limit_usd: "0.0000000001", action: block, block_status: 403, alert_at: [0, 1.5] }
`),
    [
      HEADER,
      '  budgets[0].limit_usd: must be a non-negative USD amount with at most 9 decimals, such as 100 or "0.25" (got "0.0000000001")',
      '  budgets[0].alert_at[0]: must be greater than 0 (got 0)',
      '  budgets[0].alert_at[1]: must be at most 1 (got 1.5)',
      '  budgets[0].block_status: must be one of 429, 402 (got 403)',
    ],
  );
});

test('a price override must name a configured provider and hold non-negative decimal prices', () => {
  assert.deepEqual(errorLines(`${OPENAI}prices:\n  - { model: m, provider: opnai, input: 1, output: 2 }\n`), [
    HEADER,
    '  prices[0].provider: no provider named "opnai" is configured — did you mean "openai"?',
  ]);
  assert.deepEqual(errorLines(`${OPENAI}prices:\n  - { model: m, provider: mistral, input: 1, output: 2 }\n`), [
    HEADER,
    '  prices[0].provider: no provider named "mistral" is configured — use one of openai',
  ]);
  assert.deepEqual(errorLines(`${OPENAI}prices:\n  - { model: m, provider: openai, input: -1, output: "2,5" }\n`), [
    HEADER,
    '  prices[0].input: must be a non-negative price in USD per 1M tokens, such as 2.5 or "0.075" (got -1)',
    '  prices[0].output: must be a non-negative price in USD per 1M tokens, such as 2.5 or "0.075" (got "2,5")',
  ]);
  const config = parse(`${OPENAI}prices:
  - { model: m, provider: openai, input: "0.075", output: 0.3, cache_write: 0.09375, cache_write_1h: "0.15",
      batch_input: "0.0375", batch_output: 0.15, context_window: 128000, max_output_tokens: 16384 }
`);
  assert.deepEqual(config.prices[0], {
    model: 'm',
    provider: 'openai',
    input: '0.075',
    output: '0.3',
    cache_write: '0.09375',
    cache_write_1h: '0.15',
    batch_input: '0.0375',
    batch_output: '0.15',
    context_window: 128_000,
    max_output_tokens: 16_384,
  });
});

test('auth mode keys needs admin_key, and says to set COSTOPS_ADMIN_KEY', () => {
  assert.deepEqual(errorLines('auth: { mode: keys }\n'), [
    HEADER,
    '  auth.admin_key: required when auth.mode is "keys" — set COSTOPS_ADMIN_KEY and write admin_key: ${COSTOPS_ADMIN_KEY}',
  ]);
  const config = parse('auth:\n  mode: keys\n  admin_key: ${COSTOPS_ADMIN_KEY}\n', { env: { COSTOPS_ADMIN_KEY: 'admin-secret' } });
  assert.deepEqual(config.auth, { mode: 'keys', admin_key: 'admin-secret' });
});

test('storage and redis URLs must use their schemes, and a bad URL is quoted by its scheme only', () => {
  assert.deepEqual(errorLines('storage: { url: "mysql://root:hunter2@db/costops" }\nredis: { url: "127.0.0.1:6379" }\n'), [
    HEADER,
    '  storage.url: must start with "sqlite:" or "postgres://" (got "mysql:") — e.g. "sqlite:./data/costops.db" or "postgres://user@127.0.0.1:5432/costops"',
    '  redis.url: must start with "redis://" or "rediss://" (got a URL without a scheme) — e.g. "redis://127.0.0.1:6379"',
  ]);
  const config = parse('storage: { url: "postgres://costops@127.0.0.1:5432/costops" }\nredis: { url: "rediss://cache:6380" }\n');
  assert.equal(config.storage.url, 'postgres://costops@127.0.0.1:5432/costops');
  assert.equal(config.redis?.url, 'rediss://cache:6380');
});

test('providers: hosted kinds need a key, and "*" stands alone in models', () => {
  const text = `providers:
  - { name: anthropic, kind: anthropic, base_url: "https://api.anthropic.com", models: ["*", "claude-sonnet-4-0"] }
  - { name: bad name, kind: openai-compatible, base_url: "http://127.0.0.1:8000/v1", models: [m],
      timeouts: { first_byte_ms: 10000, total_ms: 5000 }, headers: { "bad header": x } }
`;
  assert.deepEqual(errorLines(text), [
    HEADER,
    '  providers[0].models: write ["*"] alone, or list model names without "*"',
    '  providers[0].api_key: required for kind "anthropic" — write api_key: ${ANTHROPIC_API_KEY} and export ANTHROPIC_API_KEY (only openai-compatible servers such as Ollama or vLLM may omit it)',
    '  providers[1].name: must start with a letter or digit and use only letters, digits, ".", "_" or "-" (got "bad name")',
    '  providers[1].timeouts.first_byte_ms: must not exceed total_ms (5000) — the first byte cannot arrive after the whole response',
    '  providers[1].headers["bad header"]: is not an accepted key: is not a valid HTTP header name (letters, digits and -)',
  ]);
});

test('alerts need the settings their kind uses and somewhere to deliver', () => {
  const text = `alerts:
  - { name: a, kind: cost_over_window, channel: { webhook: "http://127.0.0.1:9999/hook" } }
  - { name: b, kind: error_rate, channel: {} }
  - { name: c, kind: request_cost, threshold_usd: "0.5" }
  - { name: d, kind: forecast, channel: { slack: "not a url" } }
`;
  assert.deepEqual(errorLines(text), [
    HEADER,
    '  alerts[0].window: required when kind is "cost_over_window" — the period spend is summed over (hour, day, week or month)',
    '  alerts[0].threshold_usd: required when kind is "cost_over_window" — the spend in one window that triggers the alert',
    '  alerts[1].channel: must set webhook or slack — e.g. { webhook: "https://example.com/costops-hook" }',
    '  alerts[1].threshold_pct: required when kind is "error_rate" — the percentage of failed requests that triggers the alert',
    '  alerts[2].channel: is required',
    '  alerts[3].kind: must be one of cost_over_window, request_cost, error_rate, budget_threshold, anomaly, forecast_over_budget, unpriced_model (got "forecast") — did you mean "forecast_over_budget"?',
    '  alerts[3].channel.slack: must be an http:// or https:// URL such as "https://hooks.slack.com/services/T000/B000/XXXX" (got "not a url")',
  ]);
});

test('rate limits, cache, timezone, routing and top-level settings', () => {
  const config = parse(`timezone: Europe/Paris
rate_limits:
  - { scope: { tenant: acme, model: gpt-4o }, tpm: 100000 }
cache: { mode: semantic, threshold: 0.9 }
retention: { raw_days: 90 }
unknown_models: block
reserve_output_tokens: 4096
fail_open: true
aliases: { smart: gpt-4o }
routing:
  - { name: summaries, match: { feature: summarize, max_input_tokens: 2000 }, target: gpt-4o-mini }
`);
  assert.equal(config.timezone, 'Europe/Paris');
  assert.deepEqual(config.rate_limits, [{ scope: { tenant: 'acme', model: 'gpt-4o' }, tpm: 100_000 }]);
  assert.equal(config.cache.threshold, 0.9);
  assert.deepEqual(config.retention, { raw_days: 90 });
  assert.equal(config.unknown_models, 'block');
  assert.equal(config.reserve_output_tokens, 4096);
  assert.equal(config.fail_open, true);
  assert.deepEqual(config.routing, [
    { name: 'summaries', match: { feature: 'summarize', max_input_tokens: 2000 }, target: 'gpt-4o-mini' },
  ]);

  assert.deepEqual(
    errorLines(`timezone: Europe/Pari
rate_limits:
  - { scope: { key: "*" } }
  - { scope: { region: eu }, rpm: 10 }
routing:
  - { name: r, target: [] }
aliases: { a: b, b: a }
`),
    [
      HEADER,
      '  timezone: unknown time zone "Europe/Pari" — did you mean "Europe/Paris"?',
      '  rate_limits[0]: set at least one of rpm, tpm or concurrent — e.g. { scope: { key: "*" }, rpm: 600 }',
      '  rate_limits[1].scope.region: unknown key — the keys here are global, tenant, key, user, project, feature, tag, model',
      '  routing[0].target: must list at least one model',
      '  aliases.a: aliases form a cycle (a → b → a) — point one of them at a model',
    ],
  );
});

test('a missing required setting says so, with the choices when there are some', () => {
  assert.deepEqual(errorLines('budgets:\n  - { name: b, scope: { tenant: t } }\n'), [
    HEADER,
    '  budgets[0].period: is required — one of hour, day, week, month, lifetime',
    '  budgets[0].limit_usd: is required',
    '  budgets[0].action: is required — one of block, downgrade, alert-only',
  ]);
  assert.deepEqual(errorLines('providers:\n  - name: openai\n    kind: openai\n    api_key: k\n'), [
    HEADER,
    '  providers[0].base_url: is required',
    '  providers[0].models: is required',
  ]);
});
