import { Decimal } from 'decimal.js';
import { Decimal128 } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { InvalidAmountError, roundToCents, toDecimal } from './money.js';
import { commission, dailyPnl, InvalidCommissionRateError, monthlyPnl } from './pnl.js';

const DEFAULT_PCT = 20;

describe('dailyPnl', () => {
  it.each([
    {
      case: 'a profit',
      positions: [
        { pnl_realized: 100, pnl_mtm: 20.5 },
        { pnl_realized: '-10.25', pnl_mtm: 0 },
      ],
      total: '110.25',
      count: 2,
    },
    {
      case: 'a loss',
      positions: [{ pnl_realized: -50, pnl_mtm: -0.01 }],
      total: '-50.01',
      count: 1,
    },
    {
      case: 'gains and losses that cancel out',
      positions: [
        { pnl_realized: 10, pnl_mtm: -4 },
        { pnl_realized: -6, pnl_mtm: 0 },
      ],
      total: '0',
      count: 2,
    },
    { case: 'no positions', positions: [], total: '0', count: 0 },
    {
      case: 'doubles that a float would get wrong (0.1 + 0.2)',
      positions: [{ pnl_realized: 0.1, pnl_mtm: 0.2 }],
      total: '0.3',
      count: 1,
    },
    {
      case: 'amounts stored as Decimal128, strings and doubles, some missing',
      positions: [
        { pnl_realized: Decimal128.fromString('1.005'), pnl_mtm: '2.005' },
        { pnl_realized: null, pnl_mtm: 0.001 },
        { pnl_mtm: Decimal128.fromString('-0.011') },
      ],
      total: '3',
      count: 3,
    },
  ])('sums realized and mark-to-market P&L for $case', ({ positions, total, count }) => {
    const result = dailyPnl(positions);
    expect(result.totalPnl.toString()).toBe(total);
    expect(result.positionCount).toBe(count);
  });

  it('refuses an amount that is not a number', () => {
    expect(() => dailyPnl([{ pnl_realized: 'n/a', pnl_mtm: 1 }])).toThrow(InvalidAmountError);
  });
});

describe('monthlyPnl', () => {
  it.each([
    { case: 'profitable days', days: ['100.10', '200.20', '-50.05'], total: '250.25' },
    { case: 'a losing month', days: ['-100', '20'], total: '-80' },
    { case: 'no trading days', days: [], total: '0' },
    { case: 'doubles that a float would get wrong', days: [0.1, 0.2], total: '0.3' },
    {
      case: 'half-cent days, which stay exact until the end',
      days: ['0.005', '0.005', '0.005'],
      total: '0.015',
    },
  ])('sums $case exactly', ({ days, total }) => {
    const rows = days.map((totalPnl, i) => ({
      date: `2026-11-${String(i + 1).padStart(2, '0')}`,
      totalPnl,
    }));
    expect(monthlyPnl(rows).toString()).toBe(total);
  });
});

describe('commission', () => {
  it.each([
    {
      case: 'a profit at the follower’s rate',
      pnl: '1000',
      pct: 15,
      expected: { pnl: '1000.00', rate: '15', commission: '150.00' },
    },
    {
      case: 'a loss: no commission',
      pnl: '-250.40',
      pct: 20,
      expected: { pnl: '-250.40', rate: '20', commission: '0.00' },
    },
    {
      case: 'zero P&L',
      pnl: '0',
      pct: 20,
      expected: { pnl: '0.00', rate: '20', commission: '0.00' },
    },
    {
      case: 'a missing rate: the default',
      pnl: '1000',
      pct: undefined,
      expected: { pnl: '1000.00', rate: '20', commission: '200.00' },
    },
    {
      case: 'a null rate: the default',
      pnl: '1000',
      pct: null,
      expected: { pnl: '1000.00', rate: '20', commission: '200.00' },
    },
    {
      case: 'a 0 % rate',
      pnl: '1000',
      pct: 0,
      expected: { pnl: '1000.00', rate: '0', commission: '0.00' },
    },
    {
      case: 'a 100 % rate',
      pnl: '12.34',
      pct: 100,
      expected: { pnl: '12.34', rate: '100', commission: '12.34' },
    },
    {
      case: 'a fractional rate',
      pnl: '1000',
      pct: 12.5,
      expected: { pnl: '1000.00', rate: '12.5', commission: '125.00' },
    },
    {
      case: 'a rate stored as Decimal128',
      pnl: '1000',
      pct: Decimal128.fromString('25'),
      expected: { pnl: '1000.00', rate: '25', commission: '250.00' },
    },
    {
      case: 'a rate stored as a string',
      pnl: '1000',
      pct: '30',
      expected: { pnl: '1000.00', rate: '30', commission: '300.00' },
    },
    // 100.005 × 20 % = 20.001: rounded once, at the end, to 20.00.
    {
      case: 'fractional cents',
      pnl: '100.005',
      pct: 20,
      expected: { pnl: '100.01', rate: '20', commission: '20.00' },
    },
    // 2.345 × 10 % = 0.2345 → 0.23; rounding the P&L first (2.35 × 10 % = 0.235) would give 0.24.
    {
      case: 'a P&L that must not be rounded first',
      pnl: '2.345',
      pct: 10,
      expected: { pnl: '2.35', rate: '10', commission: '0.23' },
    },
    // A half cent of commission rounds up: 0.025 → 0.03.
    {
      case: 'a commission tie',
      pnl: '0.125',
      pct: 20,
      expected: { pnl: '0.13', rate: '20', commission: '0.03' },
    },
  ])('charges $case', ({ pnl, pct, expected }) => {
    const result = commission(toDecimal(pnl), pct, DEFAULT_PCT);
    expect({
      pnl: result.pnl.toFixed(2),
      rate: result.rate.toString(),
      commission: result.commission.toFixed(2),
    }).toEqual(expected);
  });

  it('rounds the month once: three half-cent days make 0.02, not the 0.03 that rounding each day would give', () => {
    const days = ['0.005', '0.005', '0.005'].map((totalPnl, i) => ({
      date: `2026-11-0${i + 1}`,
      totalPnl,
    }));
    const roundedEachDay = days.reduce(
      (sum, day) => sum.plus(roundToCents(toDecimal(day.totalPnl))),
      toDecimal(0),
    );

    const result = commission(monthlyPnl(days), 50, DEFAULT_PCT);

    expect(roundedEachDay.toFixed(2)).toBe('0.03');
    expect(result.pnl.toFixed(2)).toBe('0.02');
    // 0.015 × 50 % = 0.0075 → 0.01 (from the day-rounded 0.03 it would be 0.02).
    expect(result.commission.toFixed(2)).toBe('0.01');
  });

  it('computes in its own precision when given a Decimal of the default 20-digit configuration', () => {
    const pnl = new Decimal('12345678901234567890.125');
    expect(commission(pnl, 10, DEFAULT_PCT).commission.toFixed(2)).toBe('1234567890123456789.01');
  });

  it('shows a loss of less than half a cent as 0.00, not -0.00', () => {
    expect(commission(toDecimal('-0.004'), 20, DEFAULT_PCT).pnl.toFixed(2)).toBe('0.00');
  });

  it('sums float-stored days to exactly 0.3 before charging', () => {
    const result = commission(
      monthlyPnl([
        { date: '2026-11-02', totalPnl: 0.1 },
        { date: '2026-11-03', totalPnl: 0.2 },
      ]),
      100,
      DEFAULT_PCT,
    );
    expect(result.pnl.toString()).toBe('0.3');
    expect(result.commission.toFixed(2)).toBe('0.30');
  });

  it.each([
    { case: 'above 100', pct: 100.01 },
    { case: 'negative', pct: -5 },
    { case: 'not a number', pct: 'twenty' },
    { case: 'NaN', pct: Number.NaN },
    { case: 'an empty string', pct: '' },
  ])('refuses a rate that is $case', ({ pct }) => {
    expect(() => commission(toDecimal('100'), pct, DEFAULT_PCT)).toThrow(
      InvalidCommissionRateError,
    );
  });

  it('refuses a default rate out of range too', () => {
    expect(() => commission(toDecimal('100'), undefined, 120)).toThrow(InvalidCommissionRateError);
  });
});
