import { roundToCents, toDecimal } from './money.js';
/** A commission rate outside 0-100 or not a number: the follower's record needs fixing, a retry will not help. */
export class InvalidCommissionRateError extends Error {
    value;
    name = 'InvalidCommissionRateError';
    permanent = true;
    code = 'INVALID_COMMISSION_RATE';
    constructor(value) {
        super(`Commission rate must be a percentage from 0 to 100, got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`);
        this.value = value;
    }
}
/** One follower's P&L for one day, from that day's positions. */
export function dailyPnl(positions) {
    let totalPnl = toDecimal(0);
    let positionCount = 0;
    for (const position of positions) {
        totalPnl = totalPnl.plus(toDecimal(position.pnl_realized)).plus(toDecimal(position.pnl_mtm));
        positionCount++;
    }
    return { totalPnl, positionCount };
}
/** A period's P&L: the exact sum of its days, not rounded (rounding each day first would drift by cents). */
export function monthlyPnl(days) {
    let total = toDecimal(0);
    for (const { totalPnl } of days)
        total = total.plus(toDecimal(totalPnl));
    return total;
}
/**
 * The commission on a period's P&L: nothing on a loss. A missing rate
 * (`commission_pct` absent or null) takes the default; a rate outside 0-100
 * is refused rather than guessed.
 */
export function commission(pnl, pct, defaultPct) {
    const rate = ratePercent(pct === undefined || pct === null ? defaultPct : pct);
    // Into our precision, in case the caller's Decimal came from another configuration.
    const exact = toDecimal(pnl);
    const base = exact.greaterThan(0) ? exact : toDecimal(0);
    return {
        pnl: roundToCents(exact),
        rate,
        commission: roundToCents(base.times(rate).dividedBy(100)),
    };
}
function ratePercent(pct) {
    let rate;
    try {
        rate = toDecimal(pct);
    }
    catch {
        throw new InvalidCommissionRateError(pct);
    }
    if (rate.lessThan(0) || rate.greaterThan(100))
        throw new InvalidCommissionRateError(pct);
    return rate;
}
//# sourceMappingURL=pnl.js.map