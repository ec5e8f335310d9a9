export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
  align?: 'left' | 'right';
}

/**
 * A plain-text table: a header, a rule, a line per row, columns padded to
 * their widest cell. Widths count code points, which is right for the
 * Latin, Greek and Cyrillic text the demo shows.
 */
export function textTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const cells = rows.map((row) => columns.map((column) => column.value(row)));
  const widths = columns.map((column, index) =>
    Math.max(width(column.header), ...cells.map((line) => width(line[index]!))),
  );
  const format = (line: readonly string[]) =>
    line
      .map((cell, index) =>
        columns[index]!.align === 'right'
          ? padStart(cell, widths[index]!)
          : padEnd(cell, widths[index]!),
      )
      .join('  ')
      .trimEnd();
  return [
    format(columns.map((column) => column.header)),
    widths.map((size) => '-'.repeat(size)).join('  '),
    ...cells.map(format),
  ].join('\n');
}

const width = (text: string) => [...text].length;
const padEnd = (text: string, size: number) => text + ' '.repeat(Math.max(0, size - width(text)));
const padStart = (text: string, size: number) => ' '.repeat(Math.max(0, size - width(text))) + text;

/** 1234567 → "1.2 MB"; below 10 kB the exact byte count reads better. */
export function byteSize(bytes: number): string {
  if (bytes < 10_000) return `${bytes} B`;
  if (bytes < 10_000_000) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
