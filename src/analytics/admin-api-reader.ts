/** A LedgerReader over the admin API (SPEC §4, §7, §14), for a CLI pointed at a running gateway. */
import { CostOpsError } from '../core/errors/index.ts';
import type { LedgerReader, RequestsPageJson } from './ledger-reader.ts';
import { listQueryToParams, usageQueryToParams } from './query-to-params.ts';
import type { UsageJson } from './usage-to-json.ts';

export interface AdminApiReaderOptions {
  /** The gateway's base URL, e.g. http://127.0.0.1:4000. */
  readonly url: string;
  /** Sent as `Authorization: Bearer …`; not needed for a gateway with auth off, on loopback. */
  readonly adminKey?: string | undefined;
  readonly fetch?: typeof fetch;
}

export function adminApiReader(options: AdminApiReaderOptions): LedgerReader {
  const base = options.url.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const get = async <T>(path: string, params: URLSearchParams): Promise<T> => {
    const search = params.toString();
    const url = `${base}${path}${search ? `?${search}` : ''}`;
    let response: Response;
    try {
      response = await doFetch(url, { headers: { accept: 'application/json', ...(options.adminKey && { authorization: `Bearer ${options.adminKey}` }) } });
    } catch (error) {
      // fetch says only "fetch failed"; the reason (ECONNREFUSED, bad port, DNS) is in its cause.
      const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
      const reason = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
      throw new CostOpsError('upstream_error', `cannot reach the admin API at ${base} (${reason}): is \`costops serve\` running there?`, { cause: error });
    }
    const text = await response.text();
    if (!response.ok) throw new CostOpsError(statusCode(response.status), `admin API at ${base} answered ${response.status}: ${errorMessage(text)}`);
    return JSON.parse(text) as T;
  };
  return {
    listRequests: (query) => get<RequestsPageJson>('/api/requests', listQueryToParams(query)),
    usage: (query) => get<UsageJson>('/api/usage', usageQueryToParams(query)),
    close: async () => {},
  };
}

function statusCode(status: number) {
  if (status === 401) return 'unauthorized' as const;
  if (status === 403) return 'forbidden' as const;
  if (status === 400) return 'invalid_request' as const;
  return 'upstream_error' as const;
}

/** The message of an OpenAI-style error body, else the body itself (shortened). */
function errorMessage(text: string): string {
  try {
    const message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
    if (typeof message === 'string') return message;
  } catch {
    // not JSON: show the text
  }
  return text.slice(0, 200) || '(empty body)';
}
