import { Decimal } from 'decimal.js';

/**
 * Readers for the loosely typed values rows carry. Numbers become exact
 * decimals; dates become `Date`s. Each returns `undefined` for a value it
 * cannot read, and callers show such a value as text rather than guess.
 */

/** Precise enough that dividing a percent by 100 never rounds. */
const Exact = Decimal.clone({ precision: 60 });

/** What a decimal string may look like: no hex, no `Infinity`, no thousands separators. */
const PLAIN_DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const HAS_OFFSET = /(?:z|[+-]\d{2}:?\d{2})$/i;

export function isEmpty(value: unknown): value is null | undefined | '' {
  return value === null || value === undefined || value === '';
}

export function isPlainDecimal(text: string): boolean {
  return PLAIN_DECIMAL.test(text);
}

export function toDecimal(value: unknown): Decimal | undefined {
  if (Decimal.isDecimal(value)) return new Exact(value);
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? new Exact(value) : undefined;
    case 'bigint':
      return new Exact(value.toString());
    case 'string':
      return fromDecimalString(value.trim());
    case 'object':
      // BSON Decimal128 and its kin print themselves as decimals.
      return value !== null && hasOwnToString(value) ? fromDecimalString(String(value)) : undefined;
    default:
      return undefined;
  }
}

export function percentToFraction(percent: Decimal): Decimal {
  return new Exact(percent).div(100);
}

/**
 * A calendar date as a `Date` at UTC midnight: the representation both
 * `Intl` (told to use UTC) and exceljs (which writes UTC serial numbers)
 * turn back into the same day.
 */
export function toCalendarDate(value: unknown, timeZone: string): Date | undefined {
  if (typeof value === 'string') {
    const match = ISO_DATE.exec(value.trim()) ?? COMPACT_DATE.exec(value.trim());
    if (match) return utcDate(Number(match[1]), Number(match[2]), Number(match[3]));
  }
  const instant = toInstant(value);
  if (!instant) return undefined;
  const { year, month, day } = wallClock(instant, timeZone);
  return utcDate(year, month, day);
}

export function toInstant(value: unknown): Date | undefined {
  let time: number;
  if (value instanceof Date) time = value.getTime();
  else if (typeof value === 'number') time = value;
  else if (typeof value === 'string') {
    const text = value.trim();
    // Date.parse reads an offset-less date-time in the process's zone; a
    // report must not depend on where it was rendered.
    time = Date.parse(HAS_OFFSET.test(text) || ISO_DATE.test(text) ? text : `${text}Z`);
  } else return undefined;
  return Number.isFinite(time) ? new Date(time) : undefined;
}

/**
 * The instant's wall-clock time in `timeZone`, encoded in a `Date`'s UTC
 * fields: spreadsheet cells have no time zone, so they get what a reader in
 * that zone would see.
 */
export function toWallClock(instant: Date, timeZone: string): Date {
  const { year, month, day, hour, minute, second } = wallClock(instant, timeZone);
  return new Date(
    Date.UTC(year, month - 1, day, hour, minute, second, instant.getUTCMilliseconds()),
  );
}

/** `YYYY-MM-DD` of a calendar date made by `toCalendarDate`. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Any value as the text a person would expect; the fallback for unreadable values. */
export function toText(value: unknown): string {
  if (isEmpty(value)) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (typeof value === 'object' && !hasOwnToString(value)) return JSON.stringify(value) ?? '';
  return String(value);
}

function fromDecimalString(text: string): Decimal | undefined {
  return PLAIN_DECIMAL.test(text) ? new Exact(text) : undefined;
}

function hasOwnToString(value: object): boolean {
  return typeof value.toString === 'function' && value.toString !== Object.prototype.toString;
}

function utcDate(year: number, month: number, day: number): Date | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  // Rejects 2024-02-30 rather than rolling it over into March.
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : undefined;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** One formatter per zone: building an `Intl.DateTimeFormat` costs far more than using it. */
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Time-zone offsets by zone and quarter hour. Every offset change in the tz
 * database falls on a quarter hour, so one lookup serves every instant of
 * its quarter; `formatToParts` per cell was the slowest part of a
 * date-time column.
 */
const QUARTER_HOUR_MS = 15 * 60_000;
const offsets = new Map<string, number>();
const MAX_CACHED_OFFSETS = 50_000;

function wallClock(instant: Date, timeZone: string): WallClock {
  const time = instant.getTime();
  const quarter = Math.floor(time / QUARTER_HOUR_MS);
  const key = `${timeZone}\u0000${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const start = new Date(quarter * QUARTER_HOUR_MS);
    const wall = wallClockOf(start, timeZone);
    offset =
      Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) -
      start.getTime();
    if (offsets.size >= MAX_CACHED_OFFSETS) offsets.clear();
    offsets.set(key, offset);
  }
  const shifted = new Date(time + offset);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

function wallClockOf(instant: Date, timeZone: string): WallClock {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClockFormats.set(timeZone, format);
  }
  const fields: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const { type, value } of format.formatToParts(instant)) {
    if (type in fields) fields[type as keyof WallClock] = Number(value);
  }
  return fields;
}
