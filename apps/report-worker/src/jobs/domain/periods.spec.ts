import { describe, expect, it } from 'vitest';
import {
  daysOfPeriod,
  fromCompactDate,
  InvalidPeriodError,
  parseDate,
  parsePeriod,
  previousMonthIn,
  todayIn,
  toCompactDate,
} from './periods.js';

const NEW_YORK = 'America/New_York';

describe('todayIn and previousMonthIn', () => {
  it.each([
    {
      now: '2026-03-01T04:30:00Z',
      today: '2026-02-28',
      previousMonth: '2026-01',
      why: 'still the evening before in New York',
    },
    {
      now: '2026-12-01T04:59:59Z',
      today: '2026-11-30',
      previousMonth: '2026-10',
      why: 'one second before midnight EST',
    },
    {
      now: '2026-12-01T05:00:00Z',
      today: '2026-12-01',
      previousMonth: '2026-11',
      why: 'midnight EST',
    },
    {
      now: '2027-01-01T04:59:59Z',
      today: '2026-12-31',
      previousMonth: '2026-11',
      why: 'New Year’s Eve in New York',
    },
    {
      now: '2027-01-01T05:00:00Z',
      today: '2027-01-01',
      previousMonth: '2026-12',
      why: 'January reports on last December',
    },
    {
      now: '2026-03-08T04:59:59Z',
      today: '2026-03-07',
      previousMonth: '2026-02',
      why: 'the night DST starts, still EST',
    },
    {
      now: '2026-03-09T03:59:59Z',
      today: '2026-03-08',
      previousMonth: '2026-02',
      why: 'the first evening of EDT (UTC-4)',
    },
    {
      now: '2026-03-09T04:00:00Z',
      today: '2026-03-09',
      previousMonth: '2026-02',
      why: 'midnight EDT is 04:00Z',
    },
    {
      now: '2026-11-01T03:59:59Z',
      today: '2026-10-31',
      previousMonth: '2026-09',
      why: 'the last minute of October in EDT',
    },
    {
      now: '2026-11-01T04:00:00Z',
      today: '2026-11-01',
      previousMonth: '2026-10',
      why: 'midnight EDT on the day DST ends',
    },
  ])(
    'at $now it is $today in New York ($why), so the previous month is $previousMonth',
    ({ now, today, previousMonth }) => {
      expect(todayIn(NEW_YORK, new Date(now))).toBe(today);
      expect(previousMonthIn(NEW_YORK, new Date(now))).toBe(previousMonth);
    },
  );

  it('uses the zone it is given, not the machine’s', () => {
    expect(todayIn('UTC', new Date('2026-03-01T04:30:00Z'))).toBe('2026-03-01');
    expect(todayIn('Asia/Tokyo', new Date('2026-02-28T15:00:00Z'))).toBe('2026-03-01');
  });
});

describe('parseDate and parsePeriod', () => {
  it.each([
    { value: '2026-11-03', parsed: { year: 2026, month: 11, day: 3 } },
    { value: '2024-02-29', parsed: { year: 2024, month: 2, day: 29 } },
    { value: '2000-02-29', parsed: { year: 2000, month: 2, day: 29 } },
  ])('reads $value', ({ value, parsed }) => {
    expect(parseDate(value)).toEqual(parsed);
  });

  it.each([
    { value: '2026-02-30', problem: /day must be 01 to 28/ },
    { value: '2026-02-29', problem: /day must be 01 to 28/ },
    { value: '1900-02-29', problem: /day must be 01 to 28/ },
    { value: '2026-04-31', problem: /day must be 01 to 30/ },
    { value: '2026-01-00', problem: /day must be 01 to 31/ },
    { value: '2026-13-01', problem: /month must be 01 to 12/ },
    { value: '2026-1-5', problem: /expected a date as YYYY-MM-DD/ },
    { value: '20261103', problem: /expected a date as YYYY-MM-DD/ },
    { value: ' 2026-11-03', problem: /expected a date as YYYY-MM-DD/ },
    { value: undefined, problem: /expected a date as YYYY-MM-DD/ },
  ])('refuses the date $value', ({ value, problem }) => {
    expect(() => parseDate(value)).toThrow(InvalidPeriodError);
    expect(() => parseDate(value)).toThrow(problem);
  });

  it.each([
    { value: '2026-11', parsed: { year: 2026, month: 11 } },
    { value: '2027-01', parsed: { year: 2027, month: 1 } },
  ])('reads the period $value', ({ value, parsed }) => {
    expect(parsePeriod(value)).toEqual(parsed);
  });

  it.each([
    { value: '2026-13', problem: /month must be 01 to 12/ },
    { value: '2026-00', problem: /month must be 01 to 12/ },
    { value: '26-1', problem: /expected a month as YYYY-MM/ },
    { value: '2026-1', problem: /expected a month as YYYY-MM/ },
    { value: '2026-11-01', problem: /expected a month as YYYY-MM/ },
    { value: 202611, problem: /expected a month as YYYY-MM/ },
  ])('refuses the period $value', ({ value, problem }) => {
    expect(() => parsePeriod(value)).toThrow(InvalidPeriodError);
    expect(() => parsePeriod(value)).toThrow(problem);
  });

  it('names the bad value and marks the error permanent', () => {
    const error = (() => {
      try {
        parsePeriod('2026-13');
      } catch (caught) {
        return caught as InvalidPeriodError;
      }
    })();
    expect(error).toMatchObject({
      message: 'Invalid date or period "2026-13": month must be 01 to 12',
      permanent: true,
      code: 'INVALID_PERIOD',
    });
  });
});

describe('daysOfPeriod', () => {
  it.each([
    { period: '2026-02', length: 28, last: '2026-02-28' },
    { period: '2024-02', length: 29, last: '2024-02-29' },
    { period: '2026-11', length: 30, last: '2026-11-30' },
    { period: '2026-12', length: 31, last: '2026-12-31' },
  ])('$period has $length days, from the 1st to $last', ({ period, length, last }) => {
    const days = daysOfPeriod(period);
    expect(days).toHaveLength(length);
    expect(days[0]).toBe(`${period}-01`);
    expect(days.at(-1)).toBe(last);
    expect(new Set(days).size).toBe(length);
  });

  it('lists every day of February 2024 in order', () => {
    expect(daysOfPeriod('2024-02')).toEqual(
      Array.from({ length: 29 }, (_, i) => `2024-02-${String(i + 1).padStart(2, '0')}`),
    );
  });
});

describe('compact dates (positions.date)', () => {
  it.each([
    { date: '2026-11-03', compact: '20261103' },
    { date: '2024-02-29', compact: '20240229' },
    { date: '2026-12-31', compact: '20261231' },
  ])('$date is $compact and back', ({ date, compact }) => {
    expect(toCompactDate(date)).toBe(compact);
    expect(fromCompactDate(compact)).toBe(date);
  });

  it.each(['20260230', '2026113', '2026-11-03', '', undefined])(
    'refuses the compact date %s',
    (compact) => {
      expect(() => fromCompactDate(compact)).toThrow(InvalidPeriodError);
    },
  );

  it('refuses to compact a date that does not exist', () => {
    expect(() => toCompactDate('2026-02-30')).toThrow(InvalidPeriodError);
  });
});
