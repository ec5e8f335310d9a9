import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { createCellFormatter, type FormatSettings } from './cell-formatter.js';
import type { ColumnType } from './report-document.js';
import { Decimal128Like, plainSpaces } from './testing/sample-report.js';

const german: FormatSettings = { locale: 'de-DE', timeZone: 'America/New_York', currency: 'EUR' };
const american: FormatSettings = { locale: 'en-US', timeZone: 'UTC', currency: 'USD' };

const text = (type: ColumnType, value: unknown, settings = german, decimals?: number) =>
  plainSpaces(createCellFormatter({ type, decimals }, settings).text(value));
const machine = (type: ColumnType, value: unknown, settings = german) =>
  createCellFormatter({ type }, settings).machine(value);
const spreadsheet = (type: ColumnType, value: unknown, settings = german) =>
  createCellFormatter({ type }, settings).spreadsheet(value);

describe('createCellFormatter', () => {
  describe('money', () => {
    it.each([
      ['1234.56', '1.234,56 €'],
      [1234.56, '1.234,56 €'],
      [new Decimal('-987654.325'), '-987.654,33 €'],
      [new Decimal128Like('0.10'), '0,10 €'],
      [12345678901234567890n, '12.345.678.901.234.567.890,00 €'],
      ['-0.001', '0,00 €'],
    ])('shows %s in German as %s', (value, shown) => {
      expect(text('money', value)).toBe(shown);
    });

    it('keeps every digit of a decimal string, where a float would round it', () => {
      expect(text('money', '9007199254740993.99')).toBe('9.007.199.254.740.993,99 €');
      expect(machine('money', '9007199254740993.99')).toBe('9007199254740993.99');
    });

    it('uses the currency and the locale of the document', () => {
      expect(text('money', '-1234.5', american)).toBe('-$1,234.50');
      expect(text('money', '1234.5', { ...american, currency: 'JPY' })).toBe('¥1,235');
    });

    it('gives machines an exact decimal string with at least the currency digits', () => {
      expect(machine('money', -42.1)).toBe('-42.10');
      expect(machine('money', new Decimal('-987654.325'))).toBe('-987654.325');
      expect(machine('money', new Decimal128Like('7'))).toBe('7.00');
    });

    it('gives spreadsheets a number and a currency format on the locale side', () => {
      expect(spreadsheet('money', '1234.56')).toBe(1234.56);
      expect(createCellFormatter({ type: 'money' }, german).numberFormat).toBe('#,##0.00 [$€]');
      expect(createCellFormatter({ type: 'money' }, american).numberFormat).toBe('[$$]#,##0.00');
    });
  });

  describe('percent, given in percent units', () => {
    it('shows 20 as twenty percent', () => {
      expect(text('percent', 20)).toBe('20,00 %');
      expect(text('percent', '12.5', american)).toBe('12.50%');
      expect(text('percent', 20, german, 0)).toBe('20 %');
    });

    it('keeps percent units for machines and hands spreadsheets the fraction', () => {
      expect(machine('percent', '12.5')).toBe(12.5);
      expect(spreadsheet('percent', 20)).toBe(0.2);
      expect(createCellFormatter({ type: 'percent' }, german).numberFormat).toBe('0.00%');
    });
  });

  describe('integer and number', () => {
    it('groups digits in the locale and fixes the fraction digits', () => {
      expect(text('integer', 1234567)).toBe('1.234.567');
      expect(text('number', 1234.5678, german, 3)).toBe('1.234,568');
      expect(text('number', '0.5', american)).toBe('0.50');
    });

    it('gives machines numbers, and a string for an integer beyond 2^53', () => {
      expect(machine('integer', 7n)).toBe(7);
      expect(machine('integer', '90071992547409930')).toBe('90071992547409930');
      expect(machine('number', '-2.25')).toBe(-2.25);
    });
  });

  describe('date', () => {
    it('takes YYYYMMDD and YYYY-MM-DD strings as the calendar date they name', () => {
      expect(text('date', '20240301')).toBe('01.03.2024');
      expect(text('date', '2024-03-01', american)).toBe('03/01/2024');
      expect(machine('date', '20240301')).toBe('2024-03-01');
    });

    it("reads an instant's date in the document's time zone", () => {
      const lateEvening = new Date('2024-03-03T04:59:00Z');
      expect(machine('date', lateEvening)).toBe('2024-03-02');
      expect(machine('date', lateEvening, american)).toBe('2024-03-03');
    });

    it('hands spreadsheets the date at UTC midnight, which exceljs writes as that day', () => {
      expect(spreadsheet('date', '20240301')).toEqual(new Date(Date.UTC(2024, 2, 1)));
    });

    it('shows an impossible date as the text it was', () => {
      expect(text('date', '2024-02-30')).toBe('2024-02-30');
    });
  });

  describe('datetime', () => {
    it("shows an instant in the document's time zone", () => {
      expect(text('datetime', '2024-03-01T14:30:00Z')).toBe('01.03.2024, 09:30');
      expect(text('datetime', Date.UTC(2024, 2, 1, 14, 30), american)).toBe('03/01/2024, 02:30 PM');
    });

    it('reads a date-time without an offset as UTC, wherever it is rendered', () => {
      expect(machine('datetime', '2024-03-01T14:30:00')).toBe('2024-03-01T14:30:00.000Z');
    });

    it('hands spreadsheets the wall-clock time of the time zone', () => {
      expect(spreadsheet('datetime', '2024-03-01T14:30:00Z')).toEqual(
        new Date(Date.UTC(2024, 2, 1, 9, 30)),
      );
    });
  });

  describe('text and empty values', () => {
    it('shows empty values as nothing and gives machines null', () => {
      for (const type of ['text', 'integer', 'money', 'percent', 'date', 'datetime'] as const) {
        expect(text(type, null)).toBe('');
        expect(text(type, undefined)).toBe('');
        expect(machine(type, '')).toBeNull();
      }
    });

    it('shows a value its type cannot read as the text it was, rather than failing the report', () => {
      expect(text('money', 'n/a')).toBe('n/a');
      expect(machine('money', '1,5')).toBe('1,5');
      expect(spreadsheet('integer', 'Infinity')).toBe('Infinity');
      expect(text('money', '0x1F')).toBe('0x1F');
    });

    it('prints objects as JSON and Decimals as decimals in text columns', () => {
      expect(text('text', { a: 1 })).toBe('{"a":1}');
      expect(text('text', new Decimal('1.50'))).toBe('1.5');
    });
  });
});

describe('machine values of plain numbers', () => {
  const yen: FormatSettings = { locale: 'ja-JP', timeZone: 'UTC', currency: 'JPY' };

  it.each([
    [0, '0.00'],
    [1, '1.00'],
    [1.5, '1.50'],
    [-42.1, '-42.10'],
    [1234.56, '1234.56'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1.005, '1.005'],
    [123456789.125, '123456789.125'],
    [1e21, '1000000000000000000000.00'],
    [5e-7, '0.0000005'],
  ])('money %s is the exact decimal %s, as from its text', (value, expected) => {
    expect(machine('money', value)).toBe(expected);
    expect(machine('money', String(value))).toBe(expected);
  });

  it('keeps a currency without minor units whole', () => {
    expect(machine('money', 1500, yen)).toBe('1500');
    expect(machine('money', 1500.5, yen)).toBe('1500.5');
  });

  it('passes other numeric types through as numbers, and unsafe integers as text', () => {
    expect(machine('number', 0.1 + 0.2)).toBe(0.30000000000000004);
    expect(machine('percent', 12.5)).toBe(12.5);
    expect(machine('integer', 42)).toBe(42);
    expect(machine('integer', 2 ** 60)).toBe('1152921504606847000');
  });
});
