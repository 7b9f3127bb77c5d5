/**
 * Who and what a request is for: the `x-costops-*` attribution headers (SPEC §4), validated
 * (≤ 256 characters, printable, no control characters) with a 400 that names the header.
 */
import { CostOpsError } from '../../core/errors/index.ts';
import type { RequestHeaders } from './request-headers.ts';

export interface Attribution {
  user?: string;
  feature?: string;
  project?: string;
  env?: string;
  conversation?: string;
  tags: Record<string, string>;
}

const FIELDS = ['user', 'feature', 'project', 'env', 'conversation'] as const;
const MAX_LENGTH = 256;
// printable characters only: a value ends up in logs, CSV and the dashboard
const VALID = /^[\x20-\x7e\u00a0-\uffff]*$/;
const TAG_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

function checked(header: string, value: string): string {
  if (value.length > MAX_LENGTH) {
    throw new CostOpsError('invalid_header', `${header} is ${value.length} characters long; the limit is ${MAX_LENGTH}`);
  }
  if (!VALID.test(value)) throw new CostOpsError('invalid_header', `${header} contains control characters; send printable text`);
  return value.trim();
}

/** Reads attribution from request headers; `body` fields (`user`, `metadata`) fill what headers leave out. */
export function readAttribution(headers: RequestHeaders, body: Record<string, unknown>): Attribution {
  const attribution: Attribution = { tags: {} };
  for (const field of FIELDS) {
    const header = `x-costops-${field}`;
    const value = headers.get(header);
    if (value !== null && value !== '') attribution[field] = checked(header, value);
  }
  const tags = headers.get('x-costops-tags');
  if (tags) attribution.tags = parseTags(checked('x-costops-tags', tags));
  fillFromBody(attribution, body);
  return attribution;
}

/** `k=v,k=v` → {k: v}; names are identifiers, values non-empty. */
export function parseTags(text: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const pair of text.split(',')) {
    if (pair.trim() === '') continue;
    const equals = pair.indexOf('=');
    const name = equals < 0 ? '' : pair.slice(0, equals).trim();
    const value = equals < 0 ? '' : pair.slice(equals + 1).trim();
    if (!TAG_NAME.test(name) || value === '') {
      throw new CostOpsError('invalid_header', `x-costops-tags: "${pair.trim()}" is not name=value (names: letters, digits, _ . -)`);
    }
    tags[name] = value;
  }
  return tags;
}

function fillFromBody(attribution: Attribution, body: Record<string, unknown>): void {
  // OpenAI's `user` field and Anthropic's `metadata.user_id` name the end user when no header does
  if (attribution.user === undefined) {
    const user = body['user'] ?? (body['metadata'] as Record<string, unknown> | undefined)?.['user_id'];
    if (typeof user === 'string' && user !== '') attribution.user = checked('user', user);
  }
  const metadata = body['metadata'];
  if (metadata && typeof metadata === 'object' && !Array.isArray(metadata)) {
    for (const [name, value] of Object.entries(metadata)) {
      if (name === 'user_id' || typeof value !== 'string' || !TAG_NAME.test(name)) continue;
      if (FIELDS.includes(name as (typeof FIELDS)[number]) && attribution[name as (typeof FIELDS)[number]] === undefined) {
        attribution[name as (typeof FIELDS)[number]] = checked(`metadata.${name}`, value);
      } else if (!(name in attribution.tags)) attribution.tags[name] = checked(`metadata.${name}`, value);
    }
  }
}
