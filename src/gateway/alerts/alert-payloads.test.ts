import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dashboardLink } from './dashboard-link.ts';
import type { OutgoingAlert } from './outgoing-alert.ts';
import { slackPayload } from './slack-payload.ts';
import { webhookPayload } from './webhook-payload.ts';

const ALERT: OutgoingAlert = {
  rule: 'chat-daily',
  kind: 'cost_over_window',
  scope: { tenant: 'acme', feature: 'chat', tag: 'team=<search>' },
  value: '51.200000000',
  threshold: '50.000000000',
  unit: 'usd',
  window: { name: 'day', start: new Date('2026-03-01T00:00:00Z'), end: new Date('2026-03-02T00:00:00Z') },
  time: new Date('2026-03-01T15:04:05.678Z'),
  message: 'chat-daily: spend today reached $51.20 (threshold $50.00) for tenant=acme, feature=chat, tag team=<search>',
  dedupeKey: 'k',
  details: {},
};

test('dashboard link: scope as filters, window as since/until, under the public URL', () => {
  assert.equal(
    dashboardLink('http://127.0.0.1:4000/', ALERT),
    'http://127.0.0.1:4000/?tenant=acme&feature=chat&tag.team=%3Csearch%3E&since=2026-03-01T00%3A00%3A00.000Z&until=2026-03-02T00%3A00%3A00.000Z',
  );
  const request: OutgoingAlert = { ...ALERT, kind: 'request_cost', scope: { global: true }, window: null, details: { request_id: 'req_1' } };
  assert.equal(dashboardLink('https://costops.example', request), 'https://costops.example/?request_id=req_1');
  assert.equal(dashboardLink('https://costops.example', { ...request, details: {} }), 'https://costops.example/');
});

test('webhook payload: the documented flat object, money as decimal strings, times ISO', () => {
  const payload = webhookPayload(ALERT, { id: 'alr_1', link: 'http://x/' });
  assert.deepEqual(JSON.parse(JSON.stringify(payload)), {
    id: 'alr_1',
    rule: 'chat-daily',
    kind: 'cost_over_window',
    scope: { tenant: 'acme', feature: 'chat', tag: 'team=<search>' },
    value: '51.200000000',
    threshold: '50.000000000',
    unit: 'usd',
    window: { name: 'day', start: '2026-03-01T00:00:00.000Z', end: '2026-03-02T00:00:00.000Z' },
    time: '2026-03-01T15:04:05.678Z',
    message: ALERT.message,
    link: 'http://x/',
    details: {},
  });
});

test('Slack payload: text for notifications, blocks with amounts for people, mrkdwn escaped', () => {
  const payload = slackPayload(ALERT, { link: 'http://x/?a=1&b=2' });
  assert.equal(payload.text, ALERT.message);
  assert.deepEqual(payload.blocks.map((block) => block.type), ['header', 'section', 'section', 'context']);
  assert.deepEqual(payload.blocks[0], { type: 'header', text: { type: 'plain_text', text: 'costops alert: chat-daily' } });
  const message = (payload.blocks[1] as { text: { text: string } }).text.text;
  assert.match(message, /tag team=&lt;search&gt;$/);
  const fields = (payload.blocks[2] as { fields: { type: string; text: string }[] }).fields.map((field) => field.text);
  assert.deepEqual(fields, [
    '*Value*\n$51.20',
    '*Threshold*\n$50.00',
    '*Scope*\ntenant=acme, feature=chat, tag team=&lt;search&gt;',
    '*Window* (day)\n2026-03-01T00:00:00.000Z → 2026-03-02T00:00:00.000Z',
  ]);
  const context = (payload.blocks[3] as { elements: { text: string }[] }).elements[0]!.text;
  assert.equal(context, '<http://x/?a=1&amp;b=2|Open in the costops dashboard> · cost_over_window · 2026-03-01T15:04:05.678Z');
  const rate = slackPayload({ ...ALERT, unit: 'percent', value: '12.5', threshold: '10', window: null }, { link: 'http://x/' });
  assert.deepEqual((rate.blocks[2] as { fields: { text: string }[] }).fields.map((field) => field.text).slice(0, 2), ['*Value*\n12.5%', '*Threshold*\n10%']);
});
