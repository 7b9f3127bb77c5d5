/** RFC 4180 quoting, shared by every CSV costops writes. */

/** One CSV field: quoted when it holds a comma, quote, CR or LF (quotes doubled); null is empty. */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record, CRLF-terminated as RFC 4180 asks (spreadsheets and csv parsers accept it). */
export function csvLine(values: readonly (string | number | boolean | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
