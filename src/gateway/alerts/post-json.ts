/**
 * One delivery attempt: POST a JSON body, bounded in time. The timeout covers the whole
 * exchange (connect, headers, body), so a receiver that accepts and never answers costs one
 * timeout, not a stuck delivery. Redirects are not followed: the gateway calls only URLs the
 * configuration names (SPEC §18).
 */
export interface AttemptResult {
  ok: boolean;
  /** The receiver's status; null when no answer came. */
  httpStatus: number | null;
  /** Why the attempt failed; null when it succeeded. */
  error: string | null;
  /** False when trying again cannot help (a 4xx: wrong URL, rejected payload). */
  retryable: boolean;
}

export interface PostJsonOptions {
  timeoutMs: number;
  /** Aborts the attempt early (shutdown). */
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

/** Bytes of an error answer quoted in the history, enough for Slack's "invalid_payload". */
const QUOTED_BODY_CHARS = 200;

export async function postJson(url: string, body: unknown, options: PostJsonOptions): Promise<AttemptResult> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal === undefined ? timeout : AbortSignal.any([timeout, options.signal]);
  try {
    const response = await (options.fetch ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'costops-alerts' },
      body: JSON.stringify(body),
      redirect: 'manual',
      signal,
    });
    // Read the answer in full (within the same timeout) so the connection can be reused.
    const text = await response.text();
    if (response.status >= 200 && response.status < 300) return { ok: true, httpStatus: response.status, error: null, retryable: false };
    const quoted = text.trim().slice(0, QUOTED_BODY_CHARS);
    return {
      ok: false,
      httpStatus: response.status,
      error: `receiver answered HTTP ${response.status}${quoted === '' ? '' : `: ${quoted}`}`,
      // 408 and 429 ask to come back later; other 4xx will not change by retrying.
      retryable: response.status >= 500 || response.status === 408 || response.status === 429 || response.status < 200,
    };
  } catch (error) {
    if (timeout.aborted) return { ok: false, httpStatus: null, error: `no answer within ${options.timeoutMs} ms`, retryable: true };
    if (options.signal?.aborted) return { ok: false, httpStatus: null, error: 'cancelled: the gateway is shutting down', retryable: false };
    return { ok: false, httpStatus: null, error: `could not reach the receiver: ${describeFailure(error)}`, retryable: true };
  }
}

/** fetch hides the network error (ECONNREFUSED, ENOTFOUND…) in `cause`. */
function describeFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return cause.code;
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
