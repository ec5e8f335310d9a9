import type { Decimal } from 'decimal.js';
import {
  isEmpty,
  isoDate,
  percentToFraction,
  toCalendarDate,
  toDecimal,
  toInstant,
  toText,
  toWallClock,
} from './cell-values.js';
import type { ColumnType, ReportDocument, ValueSpec } from './report-document.js';

export type FormatSettings = Pick<ReportDocument, 'locale' | 'timeZone' | 'currency'>;

/** A value as a spreadsheet cell takes it: typed, so the spreadsheet localises it. */
export type SpreadsheetValue = string | number | Date | null;

/** A value as CSV and JSON carry it: locale-independent. */
export type MachineValue = string | number | null;

/**
 * The one place that decides how a value of a column type is shown. Built
 * once per column (Intl formatters are costly to build, cheap to use), then
 * called for every cell. A value the type cannot read is shown as text, as
 * given, rather than dropped or guessed at.
 */
export interface CellFormatter {
  readonly type: ColumnType;
  /** For people (PDF, HTML): localised text; `''` when empty. */
  text(value: unknown): string;
  /**
   * For CSV and JSON: `integer`, `number` and `percent` (in percent units, as
   * given) as numbers; `money` as an exact decimal string with at least the
   * currency's digits (`"-1234.50"`); `date` as `YYYY-MM-DD`; `datetime` as
   * ISO 8601 in UTC; `null` when empty.
   */
  machine(value: unknown): MachineValue;
  /** For XLSX: numbers (percent as a fraction), `Date`s (see `toWallClock`), text. */
  spreadsheet(value: unknown): SpreadsheetValue;
  /** The Excel number format for `spreadsheet` values; Excel localises the built-in ones. */
  readonly numberFormat: string | undefined;
}

export function createCellFormatter(spec: ValueSpec, settings: FormatSettings): CellFormatter {
  switch (spec.type) {
    case 'text':
      return {
        type: 'text',
        numberFormat: undefined,
        text: toText,
        machine: (value) => (isEmpty(value) ? null : toText(value)),
        spreadsheet: (value) => (isEmpty(value) ? null : toText(value)),
      };
    case 'integer':
    case 'number':
    case 'money':
    case 'percent':
      return numericFormatter(spec, settings);
    case 'date':
      return dateFormatter(settings);
    case 'datetime':
      return dateTimeFormatter(settings);
  }
}

export function isNumericType(type: ColumnType): boolean {
  return type === 'integer' || type === 'number' || type === 'money' || type === 'percent';
}

function numericFormatter(spec: ValueSpec, settings: FormatSettings): CellFormatter {
  const { locale, currency } = settings;
  const type = spec.type as 'integer' | 'number' | 'money' | 'percent';
  const currencyDigits = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
  }).resolvedOptions().maximumFractionDigits as number;
  const digits =
    type === 'integer' ? 0 : (spec.decimals ?? (type === 'money' ? currencyDigits : 2));
  const intl = new Intl.NumberFormat(locale, {
    ...(type === 'money' && { style: 'currency', currency }),
    ...(type === 'percent' && { style: 'percent' }),
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    // "-0.00 €" for a value that rounds to zero reads as a loss.
    signDisplay: 'negative',
  });
  const scaled = type === 'percent' ? percentToFraction : (decimal: Decimal) => decimal;

  return {
    type,
    numberFormat: excelNumberFormat(type, digits, locale, currency),
    text(value) {
      if (isEmpty(value)) return '';
      const decimal = toDecimal(value);
      // A string keeps every digit; Intl rounds it half away from zero.
      return decimal ? intl.format(scaled(decimal).toFixed() as `${number}`) : toText(value);
    },
    machine(value) {
      if (isEmpty(value)) return null;
      const fast =
        typeof value === 'number' ? machineNumber(value, type, currencyDigits) : undefined;
      if (fast !== undefined) return fast;
      const decimal = toDecimal(value);
      if (!decimal) return toText(value);
      if (type === 'money') {
        return decimal.decimalPlaces() < currencyDigits
          ? decimal.toFixed(currencyDigits)
          : decimal.toFixed();
      }
      if (type === 'integer' && !Number.isSafeInteger(decimal.toNumber())) return decimal.toFixed();
      return decimal.toNumber();
    },
    spreadsheet(value) {
      if (isEmpty(value)) return null;
      // A finite double is already what the cell holds; only percents are rescaled.
      if (typeof value === 'number' && Number.isFinite(value) && type !== 'percent') return value;
      const decimal = toDecimal(value);
      return decimal ? scaled(decimal).toNumber() : toText(value);
    },
  };
}

/** Shortest round-trip text of a double, when it has no exponent: what `Decimal` would read from it. */
const PLAIN_NUMBER = /^-?\d+(?:\.(\d+))?$/;

/**
 * The machine value of a plain JavaScript number without building a
 * `Decimal` (the hot path of CSV and NDJSON): the same result, since a
 * `Decimal` made from a number takes its shortest round-trip text.
 * Undefined when the slow path must decide (exponents, unsafe integers).
 */
function machineNumber(
  value: number,
  type: string,
  currencyDigits: number,
): MachineValue | undefined {
  if (!Number.isFinite(value)) return undefined;
  if (type !== 'money')
    return type === 'integer' && !Number.isSafeInteger(value) ? undefined : value;
  const text = Object.is(value, -0) ? '0' : String(value);
  const match = PLAIN_NUMBER.exec(text);
  if (!match) return undefined;
  const fraction = match[1]?.length ?? 0;
  if (fraction >= currencyDigits) return text;
  return `${text}${fraction === 0 && currencyDigits > 0 ? '.' : ''}${'0'.repeat(currencyDigits - fraction)}`;
}

function dateFormatter({ locale, timeZone }: FormatSettings): CellFormatter {
  // Calendar dates are UTC midnights (see toCalendarDate), so they are shown in UTC.
  const intl = new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return {
    type: 'date',
    // Built-in format 14, the reader's short date.
    numberFormat: 'mm-dd-yy',
    text: (value) => withDate(value, toCalendarDate(value, timeZone), (date) => intl.format(date)),
    machine: (value) => withDate(value, toCalendarDate(value, timeZone), isoDate) || null,
    spreadsheet: (value) =>
      isEmpty(value) ? null : (toCalendarDate(value, timeZone) ?? toText(value)),
  };
}

function dateTimeFormatter({ locale, timeZone }: FormatSettings): CellFormatter {
  const intl = new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  return {
    type: 'datetime',
    // Built-in format 22, the reader's short date and time; exceljs spells it this way.
    numberFormat: 'm/d/yy "h":mm',
    text: (value) => withDate(value, toInstant(value), (instant) => intl.format(instant)),
    machine: (value) =>
      withDate(value, toInstant(value), (instant) => instant.toISOString()) || null,
    spreadsheet(value) {
      if (isEmpty(value)) return null;
      const instant = toInstant(value);
      return instant ? toWallClock(instant, timeZone) : toText(value);
    },
  };
}

function withDate(value: unknown, date: Date | undefined, format: (date: Date) => string): string {
  if (isEmpty(value)) return '';
  return date ? format(date) : toText(value);
}

/**
 * Excel applies its own separators to `#,##0.00`, so only the currency
 * symbol and its side come from the document's locale.
 */
function excelNumberFormat(
  type: 'integer' | 'number' | 'money' | 'percent',
  digits: number,
  locale: string,
  currency: string,
): string {
  const number = digits > 0 ? `#,##0.${'0'.repeat(digits)}` : '#,##0';
  switch (type) {
    case 'integer':
    case 'number':
      return number;
    case 'percent':
      return digits > 0 ? `0.${'0'.repeat(digits)}%` : '0%';
    case 'money': {
      const parts = new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(1);
      const symbol = parts.find((part) => part.type === 'currency')?.value ?? currency;
      const symbolFirst =
        parts.findIndex((part) => part.type === 'currency') <
        parts.findIndex((part) => part.type === 'integer');
      const spaced = parts.some((part) => part.type === 'literal' && /\s/.test(part.value));
      const gap = spaced ? ' ' : '';
      return symbolFirst ? `[$${symbol}]${gap}${number}` : `${number}${gap}[$${symbol}]`;
    }
  }
}
