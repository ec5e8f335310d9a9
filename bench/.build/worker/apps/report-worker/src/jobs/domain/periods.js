/**
 * Calendar dates and months as the jobs name them: a day is `YYYY-MM-DD`,
 * a period (month) is `YYYY-MM`, and `positions.date` is `YYYYMMDD`. All are
 * calendar values with no time zone; `todayIn` is where a zone comes in.
 */
/** A date or period that is malformed or does not exist. Never worth a retry. */
export class InvalidPeriodError extends Error {
    value;
    name = 'InvalidPeriodError';
    permanent = true;
    code = 'INVALID_PERIOD';
    constructor(value, problem) {
        super(`Invalid date or period ${quote(value)}: ${problem}`);
        this.value = value;
    }
}
/** Today's calendar date in a time zone, e.g. 2026-03-01T04:30Z is '2026-02-28' in America/New_York. */
export function todayIn(timeZone, now) {
    const parts = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
    }).formatToParts(now);
    const part = (type) => parts.find((candidate) => candidate.type === type).value;
    return `${part('year')}-${part('month')}-${part('day')}`;
}
/** The month before the current one in a time zone: the period the monthly job reports on. */
export function previousMonthIn(timeZone, now) {
    const { year, month } = parseDate(todayIn(timeZone, now));
    return month === 1 ? formatPeriod(year - 1, 12) : formatPeriod(year, month - 1);
}
export function parseDate(value) {
    const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
    if (!match)
        throw new InvalidPeriodError(value, 'expected a date as YYYY-MM-DD');
    const { year, month } = checkedMonth(value, match[1], match[2]);
    const day = Number(match[3]);
    const length = daysInMonth(year, month);
    if (day < 1 || day > length)
        throw new InvalidPeriodError(value, `day must be 01 to ${length} in that month`);
    return { year, month, day };
}
export function parsePeriod(value) {
    const match = typeof value === 'string' ? /^(\d{4})-(\d{2})$/.exec(value) : null;
    if (!match)
        throw new InvalidPeriodError(value, 'expected a month as YYYY-MM');
    return checkedMonth(value, match[1], match[2]);
}
/** Every date of a period, in order: '2024-02' gives '2024-02-01' … '2024-02-29'. */
export function daysOfPeriod(period) {
    const { year, month } = parsePeriod(period);
    return Array.from({ length: daysInMonth(year, month) }, (_, i) => `${formatPeriod(year, month)}-${pad(i + 1)}`);
}
/** '2026-11-03' → '20261103', the format of `positions.date`. */
export function toCompactDate(date) {
    parseDate(date);
    return date.replaceAll('-', '');
}
/** '20261103' → '2026-11-03'. */
export function fromCompactDate(compact) {
    const match = typeof compact === 'string' ? /^(\d{4})(\d{2})(\d{2})$/.exec(compact) : null;
    if (!match)
        throw new InvalidPeriodError(compact, 'expected a date as YYYYMMDD');
    const date = `${match[1]}-${match[2]}-${match[3]}`;
    parseDate(date);
    return date;
}
function checkedMonth(value, yearText, monthText) {
    const month = Number(monthText);
    if (month < 1 || month > 12)
        throw new InvalidPeriodError(value, 'month must be 01 to 12');
    return { year: Number(yearText), month };
}
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysInMonth(year, month) {
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}
function formatPeriod(year, month) {
    return `${String(year).padStart(4, '0')}-${pad(month)}`;
}
function pad(value) {
    return String(value).padStart(2, '0');
}
function quote(value) {
    if (typeof value === 'string')
        return JSON.stringify(value);
    return typeof value === 'object' && value !== null ? 'object' : String(value);
}
//# sourceMappingURL=periods.js.map