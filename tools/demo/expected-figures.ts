import type { FollowerDocument, PositionDocument } from './sample-data.js';

export interface ExpectedFigures {
  /** The month's P&L in cents: the sum of `pnl_realized + pnl_mtm` of every position. */
  pnlCents: number;
  /** The commission in cents; two values when it lies exactly on a half cent (the rounding mode decides). */
  commissionCents: readonly number[];
}

/**
 * What each enabled follower's monthly report must say, computed from the
 * seeded positions in whole cents (every seeded amount is a whole number of
 * cents), independently of the worker: `max(0, P&L) × rate / 100`.
 */
export function expectedFigures(
  followers: readonly FollowerDocument[],
  positions: readonly PositionDocument[],
  defaultRatePercent: number,
): Map<string, ExpectedFigures> {
  const expected = new Map<string, ExpectedFigures>();
  for (const follower of followers.filter((candidate) => candidate.enabled)) {
    const pnlCents = positions
      .filter((position) => position.follower_id === follower._id)
      .reduce(
        (sum, position) =>
          sum + Math.round(position.pnl_realized * 100) + Math.round(position.pnl_mtm * 100),
        0,
      );
    // In hundredths of a cent, exact for whole-number rates.
    const rate = follower.commission_pct ?? defaultRatePercent;
    const scaled = Math.max(0, pnlCents) * rate;
    const commissionCents =
      Number.isInteger(rate) && scaled % 100 === 50
        ? [Math.floor(scaled / 100), Math.ceil(scaled / 100)]
        : [Math.round(scaled / 100)];
    expected.set(follower._id, { pnlCents, commissionCents });
  }
  return expected;
}
