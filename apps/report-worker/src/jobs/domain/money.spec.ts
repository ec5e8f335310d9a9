import { Decimal } from 'decimal.js';
import { Decimal128, Long } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { InvalidAmountError, roundToCents, toDecimal } from './money.js';

describe('toDecimal', () => {
  it.each([
    { kind: 'a double, by its shortest text', value: 0.1, expected: '0.1' },
    { kind: 'a negative double', value: -1234.56, expected: '-1234.56' },
    { kind: 'a tiny double in exponent form', value: 5e-7, expected: '5e-7' },
    { kind: 'negative zero', value: -0, expected: '0' },
    { kind: 'a string', value: '100.005', expected: '100.005' },
    { kind: 'a string with spaces and a sign', value: ' +12.50 ', expected: '12.5' },
    { kind: 'a string in exponent form', value: '1.5E+3', expected: '1500' },
    {
      kind: 'a string past double precision',
      value: '12345678901234567890.123456789',
      expected: '12345678901234567890.123456789',
    },
    { kind: 'a bigint', value: 12345678901234567890n, expected: '12345678901234567890' },
    { kind: 'a Decimal128', value: Decimal128.fromString('-0.015'), expected: '-0.015' },
    { kind: 'a BSON Long', value: Long.fromString('42'), expected: '42' },
    { kind: 'a decimal.js Decimal', value: new Decimal('7.77'), expected: '7.77' },
    { kind: 'EJSON { $numberDecimal }', value: { $numberDecimal: '3.14' }, expected: '3.14' },
    { kind: 'null', value: null, expected: '0' },
    { kind: 'undefined', value: undefined, expected: '0' },
  ])('reads $kind', ({ value, expected }) => {
    expect(toDecimal(value).toString()).toBe(expected);
  });

  it.each([
    { kind: 'NaN', value: Number.NaN },
    { kind: 'Infinity', value: Number.POSITIVE_INFINITY },
    { kind: 'the string NaN', value: 'NaN' },
    { kind: 'the string Infinity', value: 'Infinity' },
    { kind: 'a Decimal128 NaN', value: Decimal128.fromString('NaN') },
    { kind: 'hex text', value: '0x1F' },
    { kind: 'an empty string', value: '' },
    { kind: 'words', value: '12 EUR' },
    { kind: 'a plain object', value: { amount: 1 } },
    { kind: 'an object without toString', value: Object.create(null) as object },
    { kind: 'a boolean', value: true },
  ])('refuses $kind with a typed, permanent error', ({ value }) => {
    expect(() => toDecimal(value)).toThrow(InvalidAmountError);
    expect(() => toDecimal(value)).toThrow(
      expect.objectContaining({ permanent: true, code: 'INVALID_AMOUNT' }),
    );
  });

  it('adds doubles exactly: 0.1 + 0.2 is 0.3', () => {
    expect(toDecimal(0.1).plus(toDecimal(0.2)).equals(toDecimal('0.3'))).toBe(true);
  });
});

describe('roundToCents', () => {
  it.each([
    { amount: '20.001', cents: '20.00' },
    { amount: '20.005', cents: '20.01' },
    { amount: '20.0049999', cents: '20.00' },
    { amount: '-20.005', cents: '-20.01' },
    { amount: '-20.004', cents: '-20.00' },
    { amount: '0.015', cents: '0.02' },
    { amount: '0', cents: '0.00' },
    { amount: '-0.004', cents: '0.00' },
    { amount: '12345678901234567890.125', cents: '12345678901234567890.13' },
  ])('rounds $amount half-up (ties away from zero) to $cents', ({ amount, cents }) => {
    expect(roundToCents(toDecimal(amount)).toFixed(2)).toBe(cents);
  });
});
