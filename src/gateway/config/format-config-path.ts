/** A location inside the config document, as zod reports it: keys and list indexes. */
export type ConfigPathSegment = string | number;

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Writes a path the way a user reads it in the file: `providers[1].kind`, `aliases["gpt-4o.mini"]`.
 * Keys that are not plain words are quoted so the printed path stays unambiguous.
 */
export function formatConfigPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else {
      const key = String(segment);
      if (PLAIN_KEY.test(key)) text += text === '' ? key : `.${key}`;
      else text += `[${JSON.stringify(key)}]`;
    }
  }
  return text;
}
