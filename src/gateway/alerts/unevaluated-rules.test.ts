import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateConfig } from '../config/index.ts';
import { unevaluatedAlertRules } from './unevaluated-rules.ts';

test('rules of kinds not evaluated yet are named; every other kind is evaluated', () => {
  const channel = { webhook: 'https://ops.example.com/hook' };
  const config = validateConfig({
    alerts: [
      { name: 'daily', kind: 'cost_over_window', window: 'day', threshold_usd: '5', channel },
      { name: 'spike', kind: 'anomaly', channel },
      { name: 'big', kind: 'request_cost', threshold_usd: '1', channel },
      { name: 'trend', kind: 'forecast_over_budget', channel },
      { name: 'new-models', kind: 'unpriced_model', channel },
    ],
  });
  assert.deepEqual(unevaluatedAlertRules(config), [
    { name: 'spike', kind: 'anomaly' },
    { name: 'trend', kind: 'forecast_over_budget' },
  ]);
});
