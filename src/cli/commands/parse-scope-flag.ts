/** `--scope tenant=acme,user=bob` (or `global`, or `tag=team=core`) → the config's scope object. */
import { UserError } from '../user-error.ts';

const DIMENSIONS = ['tenant', 'key', 'user', 'project', 'feature', 'tag'];

export function parseScopeFlag(text: string): Record<string, unknown> {
  if (text.trim() === 'global') return { global: true };
  const scope: Record<string, string> = {};
  for (const part of text.split(',')) {
    const equals = part.indexOf('=');
    const dimension = equals < 0 ? part.trim() : part.slice(0, equals).trim();
    const value = equals < 0 ? '' : part.slice(equals + 1).trim();
    if (!DIMENSIONS.includes(dimension) || value === '') {
      throw new UserError(`--scope: "${part.trim()}" is not dimension=value; use global, or any of ${DIMENSIONS.join(', ')} ("*" for each value), e.g. --scope tenant=acme,user=*`);
    }
    scope[dimension] = value;
  }
  return scope;
}
