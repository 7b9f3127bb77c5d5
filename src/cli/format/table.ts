/** A plain-text table with aligned columns (numbers right-aligned), for terminal output. */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[], options: { rightAlign?: readonly number[] } = {}): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const right = new Set(options.rightAlign ?? []);
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (right.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** 1234567 → "1,234,567". */
export function groupDigits(value: number | bigint): string {
  return value.toLocaleString('en-US');
}
