import { describe, expect, it } from 'vitest';
import { SheetNames } from './sheet-names.js';

describe('SheetNames', () => {
  it('numbers a name that is taken, ignoring case', () => {
    const names = new SheetNames();

    expect([names.claim('Trades'), names.claim('trades'), names.claim('Trades')]).toEqual([
      'Trades',
      'trades (2)',
      'Trades (3)',
    ]);
  });

  it("replaces characters Excel forbids and keeps within Excel's 31 characters, suffix included", () => {
    const names = new SheetNames();
    const long = 'P&L by day: 2024/03 [draft] for every follower';

    expect(names.claim(long)).toBe('P&L by day  2024 03  draft  for');
    expect(names.claim(long)).toBe('P&L by day  2024 03  draft (2)');
    expect(names.claim('  ')).toBe('Sheet');
  });
});
