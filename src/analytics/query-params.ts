/**
 * Raw query parameters as both front doors deliver them: the admin API (URL search params, a
 * name may repeat) and the CLI (flags, `--where` may repeat). Parsing checks them the same way.
 */
import { QueryParamError } from './query-param-error.ts';

export type QueryParams = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Refuses names outside `known`: a misspelt filter silently ignored would return the wrong data. */
export function checkKnownParams(params: QueryParams, known: readonly string[]): void {
  for (const name of Object.keys(params)) {
    if (params[name] !== undefined && !known.includes(name)) {
      throw new QueryParamError(name, `unknown query parameter; use ${known.join(', ')}`);
    }
  }
}

/** The value of a parameter given at most once. */
export function singleParam(params: QueryParams, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || typeof value === 'string') return value;
  if (value.length > 1) throw new QueryParamError(name, 'give it once');
  return value[0];
}

/** Every comma-separated item of a parameter that may repeat, trimmed, empties dropped. */
export function listParam(params: QueryParams, name: string): string[] {
  const value = params[name];
  const values = value === undefined ? [] : typeof value === 'string' ? [value] : value;
  return values.flatMap((item) => item.split(',')).map((item) => item.trim()).filter((item) => item !== '');
}
