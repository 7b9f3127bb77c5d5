/**
 * Headers sent upstream: the provider's own credentials (never the client's key) plus an
 * allow-list of client headers that change how the provider behaves.
 */
import type { ProviderConfig } from '../config/index.ts';
import type { RequestHeaders } from '../http/request-headers.ts';

const FORWARDED = ['anthropic-version', 'anthropic-beta', 'openai-organization', 'openai-project', 'openai-beta', 'idempotency-key'];
const DEFAULT_ANTHROPIC_VERSION = '2023-06-01';

/** The header set for one upstream call. */
export function upstreamHeaders(provider: ProviderConfig, client: RequestHeaders): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: client.get('accept') ?? 'application/json' };
  for (const name of FORWARDED) {
    const value = client.get(name);
    if (value !== null) headers[name] = value;
  }
  if (provider.headers) Object.assign(headers, provider.headers);
  const key = provider.api_key;
  if (provider.kind === 'anthropic') {
    headers['anthropic-version'] ??= DEFAULT_ANTHROPIC_VERSION;
    if (key) headers['x-api-key'] = key;
  } else if (provider.kind === 'gemini') {
    if (key) headers['x-goog-api-key'] = key;
  } else if (key) headers['authorization'] = `Bearer ${key}`;
  return headers;
}

/** Replaces every configured secret in upstream text (error bodies) before it reaches a client or the ledger. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret.length >= 8) result = result.split(secret).join('[redacted]');
  return result;
}
