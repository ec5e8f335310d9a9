/**
 * The format-independent description of a report. Renderers read it; nothing
 * in it knows about PDF pages or spreadsheet cells.
 *
 * Tables do not hold their rows: they hold a way to open them, so a renderer
 * streams a table of any size with bounded memory.
 */
export interface ReportDocument {
  readonly title: string;
  readonly subtitle?: string;
  /** BCP 47 tag used for every human-readable number and date, e.g. `de-DE`. */
  readonly locale: string;
  /** IANA zone in which `datetime` values are shown and `date` values taken from instants. */
  readonly timeZone: string;
  /** ISO 4217 code for every `money` value, e.g. `EUR`. */
  readonly currency: string;
  readonly sections: readonly ReportSection[];
}

export type ReportSection = KeyValueSection | TableSection | ChartSection | NotesSection;

/**
 * How a value is understood and shown.
 *
 * - `integer`, `number`, `money`: numbers given as `number`, `bigint`, a
 *   decimal string, a decimal.js `Decimal` or any object whose `toString()`
 *   is a decimal (BSON `Decimal128`). Strings and decimals stay exact.
 * - `percent`: given in percent units, as stored (`commission_pct` 0-100):
 *   `20` means 20 % and is shown as "20.00%". Spreadsheets receive the
 *   fraction (0.2) with a percent format, so the cell shows the same.
 * - `date`: a calendar date: `YYYY-MM-DD` or `YYYYMMDD` strings are taken as
 *   they are; a `Date` or epoch milliseconds is read in the document's time zone.
 * - `datetime`: an instant: a `Date`, epoch milliseconds or an ISO 8601
 *   string (one without an offset is read as UTC), shown in the document's time zone.
 */
export type ColumnType = 'text' | 'integer' | 'number' | 'money' | 'percent' | 'date' | 'datetime';

export type Alignment = 'left' | 'center' | 'right';

/** The formatting part of a column, shared with key-value entries and charts. */
export interface ValueSpec {
  readonly type: ColumnType;
  /**
   * Fraction digits shown for `number`, `percent` and `money`. Defaults: 2 for
   * `number` and `percent`, the currency's own for `money` (2 for EUR, 0 for JPY).
   */
  readonly decimals?: number;
}

export interface ReportColumn extends ValueSpec {
  /** The property of a row holding this column's value. */
  readonly key: string;
  readonly header: string;
  /** Defaults to right for numbers, left for everything else. */
  readonly align?: Alignment;
  /**
   * Relative width. PDF shares the page width in these proportions; XLSX
   * uses it as a width in characters. Defaults depend on the type.
   */
  readonly width?: number;
}

export type Row = Readonly<Record<string, unknown>>;

/**
 * Opens the table's rows. Every call starts a fresh pass over the same rows:
 * the PDF renderer reads them twice (count, then draw) unless `rowCount` is
 * given; other renderers read them once. An array is a valid source.
 */
export type RowSource = () => AsyncIterable<Row> | Iterable<Row>;

export interface TableSection {
  readonly kind: 'table';
  readonly title?: string;
  readonly columns: readonly ReportColumn[];
  readonly rows: RowSource;
  /**
   * The number of rows `rows()` yields, when the caller already knows it (a
   * count query). Spares the PDF renderer its counting pass; a source that
   * yields a different number fails the render rather than mislabel pages.
   */
  readonly rowCount?: number;
  /** Totals and similar, shown after the rows in bold. Not part of CSV output. */
  readonly summary?: readonly Row[];
}

export interface KeyValueEntry extends Partial<ValueSpec> {
  readonly label: string;
  /** Formatted by `type`, `text` when absent. */
  readonly value: unknown;
}

export interface KeyValueSection {
  readonly kind: 'keyValue';
  readonly title?: string;
  readonly entries: readonly KeyValueEntry[];
}

export interface ChartBar {
  readonly label: string;
  /** A number in any form a numeric column accepts; an empty value draws no bar. */
  readonly value: unknown;
}

/**
 * A bar chart of a few values (a month of daily P&L, say). PDF draws it,
 * HTML embeds it as SVG, XLSX and JSON list its values, CSV leaves it out.
 */
export interface ChartSection {
  readonly kind: 'chart';
  readonly title?: string;
  readonly bars: readonly ChartBar[];
  /** How values and axis ticks are formatted. Defaults to `number`. */
  readonly valueType?: 'integer' | 'number' | 'money' | 'percent';
}

export interface NotesSection {
  readonly kind: 'notes';
  readonly title?: string;
  readonly paragraphs: readonly string[];
}
