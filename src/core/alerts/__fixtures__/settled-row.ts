/** Settled ledger rows for alert tests: each call gets a fresh id; cost in nano-USD. */
import type { LedgerRow } from '../../ports/ledger-store.ts';

let counter = 0;

export function settledRow(overrides: Partial<LedgerRow> = {}): LedgerRow {
  counter += 1;
  return {
    id: `req_${String(counter).padStart(6, '0')}`,
    operationId: `op_${counter}`,
    attempt: 1,
    startedAt: new Date('2026-03-01T10:00:00.000Z'),
    endedAt: new Date('2026-03-01T10:00:01.000Z'),
    latencyMs: 1000,
    ttftMs: null,
    tenant: 'acme',
    keyId: null,
    user: 'alice',
    feature: 'chat',
    project: null,
    env: null,
    conversation: null,
    tags: {},
    provider: 'openai',
    requestedModel: 'gpt-4o',
    model: 'gpt-4o',
    endpoint: 'chat.completions',
    stream: false,
    status: 'ok',
    httpStatus: 200,
    errorCode: null,
    inputTokens: 100,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    cacheWrite1hTokens: 0,
    inputAudioTokens: null,
    outputTokens: 10,
    reasoningTokens: 0,
    outputAudioTokens: null,
    costUsd: 1_000_000_000n,
    counterfactualCostUsd: null,
    savingsUsd: null,
    priceId: 'openai:gpt-4o@base',
    usageSource: 'provider',
    unpriced: false,
    cache: 'none',
    route: null,
    batchId: null,
    requestHash: null,
    requestBytes: null,
    responseBytes: null,
    reservedUsd: 0n,
    ...overrides,
  };
}

/** `usd` dollars in nano-USD. */
export const dollars = (usd: number): bigint => BigInt(Math.round(usd * 100)) * 10_000_000n;
