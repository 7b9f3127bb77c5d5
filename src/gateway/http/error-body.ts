/** Error bodies in each API's own format (SPEC §1.5), from one CostOpsError. */
import { CostOpsError } from '../../core/errors/index.ts';
import type { ErrorStyle } from '../proxy/formats/api-format.ts';

const GEMINI_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  413: 'INVALID_ARGUMENT',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** The JSON body for `error` in the given style. */
export function errorBody(error: CostOpsError, style: ErrorStyle): unknown {
  if (style === 'anthropic') return { type: 'error', error: { type: error.type, message: error.message } };
  if (style === 'gemini') {
    return { error: { code: error.status, message: error.message, status: GEMINI_STATUS[error.status] ?? 'UNKNOWN' } };
  }
  return { error: { message: error.message, type: error.type, param: null, code: error.code } };
}

/** A JSON Response carrying `error` in the given style. */
export function errorResponse(error: CostOpsError, style: ErrorStyle, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(errorBody(error, style)), {
    status: error.status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** Any thrown value as a CostOpsError (unexpected ones become internal_error without leaking details). */
export function asCostOpsError(error: unknown): CostOpsError {
  if (error instanceof CostOpsError) return error;
  return new CostOpsError('internal_error', 'internal error in the gateway; see its log', { cause: error });
}
