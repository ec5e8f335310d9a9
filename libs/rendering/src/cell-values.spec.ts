import { describe, expect, it } from 'vitest';
import { toWallClock } from './cell-values.js';

/** The wall clock straight from Intl, one call per instant: the reference the cached offsets must match. */
function reference(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(instant)
      .map(({ type, value }) => [type, value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

describe('toWallClock', () => {
  it.each([
    ['America/New_York', '2026-03-08T05:00:00Z'],
    ['America/New_York', '2026-11-01T04:00:00Z'],
    ['Europe/Berlin', '2026-03-29T00:00:00Z'],
    ['Asia/Kathmandu', '2026-06-01T00:00:00Z'],
    // Lord Howe Island moves its clocks by half an hour.
    ['Australia/Lord_Howe', '2026-04-04T14:00:00Z'],
    ['Australia/Lord_Howe', '2026-10-03T15:00:00Z'],
  ])('matches Intl in %s around %s, minute by minute', (timeZone, around) => {
    const centre = Date.parse(around);
    for (let offset = -3 * 3_600_000; offset <= 3 * 3_600_000; offset += 7 * 60_000 + 13_000) {
      const instant = new Date(centre + offset);
      expect(toWallClock(instant, timeZone).toISOString().slice(0, 19)).toBe(
        reference(instant, timeZone),
      );
    }
  });
});
