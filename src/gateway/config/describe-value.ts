/**
 * How a bad value is quoted back in an error message: short, and never more than 60 characters
 * of user text, so a pasted secret or a long blob does not flood the terminal.
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string': {
      const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
      return JSON.stringify(shown);
    }
    case 'object':
      return 'a mapping';
    case 'undefined':
      return 'nothing';
    default:
      return String(value);
  }
}
