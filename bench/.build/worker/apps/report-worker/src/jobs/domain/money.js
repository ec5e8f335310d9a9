import { Decimal } from 'decimal.js';
/**
 * Decimal arithmetic for money. 40 significant digits keep every sum and
 * product of stored amounts exact; nothing is rounded along the way. Amounts
 * are rounded to cents in one place only, `roundToCents`, called once on
 * each final figure (monthly P&L, commission) and never on an intermediate.
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
/** A plain decimal number; `Infinity`, `NaN`, hex and the like are refused. */
const DECIMAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
/** An amount that cannot be read as a finite decimal number. Bad data does not fix itself: never retried. */
export class InvalidAmountError extends Error {
    value;
    name = 'InvalidAmountError';
    permanent = true;
    code = 'INVALID_AMOUNT';
    constructor(value) {
        super(`Not a decimal amount: ${describe(value)}`);
        this.value = value;
    }
}
/**
 * Reads an amount as MongoDB may hold it: a double, a string, a Decimal128
 * (or anything whose `toString()` is a decimal, such as a decimal.js
 * `Decimal` or a BSON `Long`), its EJSON form `{ $numberDecimal }`, or a
 * bigint. A missing amount is 0.
 */
export function toDecimal(value) {
    if (value === null || value === undefined)
        return new Money(0);
    if (typeof value === 'boolean' || typeof value === 'symbol' || typeof value === 'function') {
        throw new InvalidAmountError(value);
    }
    // A double goes through its shortest round-trip text, so 0.1 is 0.1 and not
    // 0.1000000000000000055511151231257827.
    const text = textOf(value);
    if (text === undefined || !DECIMAL_TEXT.test(text))
        throw new InvalidAmountError(value);
    return new Money(text);
}
/** Half-up to two decimal places; a tie goes away from zero (-0.005 → -0.01). */
export function roundToCents(amount) {
    const cents = amount.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    // -0.004 rounds to a negative zero, which would print as "-0.00".
    return cents.isZero() ? new Money(0) : cents;
}
function textOf(value) {
    const ejson = value.$numberDecimal;
    if (typeof ejson === 'string')
        return ejson.trim();
    try {
        return String(value).trim();
    }
    catch {
        return undefined; // an object without a usable toString()
    }
}
function describe(value) {
    try {
        return typeof value === 'string' ? JSON.stringify(value) : String(value);
    }
    catch {
        return typeof value;
    }
}
//# sourceMappingURL=money.js.map