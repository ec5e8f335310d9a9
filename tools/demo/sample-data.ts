/**
 * The demo's data, as the platform stores it: `followers`, `positions` (one
 * per closed copy-trade, amounts as doubles like the old worker wrote them)
 * and a `trades` collection for a generic report definition. Generated from a
 * seed derived from the month, so a rerun for the same month shows the same
 * figures.
 */

/** The market the jobs follow: days and months are counted in its time zone. */
export const MARKET_TIME_ZONE = 'America/New_York';

export interface DemoMonth {
  /** `YYYY-MM`, the monthly job's default period. */
  readonly period: string;
  /** Monday to Friday of the month, `YYYY-MM-DD`. */
  readonly weekdays: readonly string[];
  /** First day, `YYYY-MM-DD`. */
  readonly from: string;
  /** First day of the next month, `YYYY-MM-DD` (exclusive end). */
  readonly until: string;
}

export interface FollowerDocument {
  _id: string;
  name: string;
  email: string;
  iban: string;
  /** 0-100; absent means the worker's default rate. */
  commission_pct?: number;
  enabled: boolean;
}

export interface PositionDocument {
  follower_id: string;
  /** `YYYYMMDD`. */
  date: string;
  symbol: string;
  pnl_realized: number;
  pnl_mtm: number;
}

export interface TradeDocument {
  tradeId: string;
  followerId: string;
  follower: string;
  symbol: string;
  side: 'BUY' | 'SELL';
  quantity: number;
  price: number;
  notional: number;
  pnl: number;
  tradeDate: string;
  executedAt: Date;
}

/** A few followers with names beyond ASCII; one is disabled and must get no e-mail. */
export const FOLLOWERS: readonly FollowerDocument[] = [
  {
    _id: 'f-zoe',
    name: 'Zoë Ångström',
    email: 'zoe.angstrom@example.com',
    iban: 'SE4550000000058398257466',
    commission_pct: 20,
    enabled: true,
  },
  {
    _id: 'f-eleni',
    name: 'Ελένη Παππά',
    email: 'eleni.pappa@example.com',
    iban: 'GR1601101250000000012300695',
    commission_pct: 15,
    enabled: true,
  },
  // No commission_pct: the worker's default rate applies.
  {
    _id: 'f-juergen',
    name: 'Jürgen Weiß',
    email: 'juergen.weiss@example.com',
    iban: 'DE89370400440532013000',
    enabled: true,
  },
  {
    _id: 'f-maria',
    name: 'Мария Иванова',
    email: 'maria.ivanova@example.com',
    iban: 'BG80BNBG96611020345678',
    commission_pct: 25,
    enabled: true,
  },
  {
    _id: 'f-siobhan',
    name: 'Siobhán Ó Briain',
    email: 'siobhan.obriain@example.com',
    iban: 'IE29AIBK93115212345678',
    commission_pct: 20,
    enabled: false,
  },
];

/** Average realized P&L per position, per follower: most win, one loses over the month. */
const DRIFT: Readonly<Record<string, number>> = {
  'f-zoe': 55,
  'f-eleni': 30,
  'f-juergen': -60,
  'f-maria': 15,
  'f-siobhan': 40,
};

const SYMBOLS: readonly { symbol: string; price: number }[] = [
  { symbol: 'AAPL', price: 231 },
  { symbol: 'MSFT', price: 428 },
  { symbol: 'NVDA', price: 139 },
  { symbol: 'AMZN', price: 207 },
  { symbol: 'GOOGL', price: 176 },
  { symbol: 'META', price: 582 },
  { symbol: 'TSLA', price: 331 },
  { symbol: 'JPM', price: 241 },
  { symbol: 'XOM', price: 119 },
  { symbol: 'SPY', price: 598 },
];

/** The month before the current one where the market is, as the monthly job computes its default. */
export function previousMonth(now: Date, timeZone = MARKET_TIME_ZONE): DemoMonth {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
  }).formatToParts(now);
  const part = (type: 'year' | 'month') =>
    Number(parts.find((candidate) => candidate.type === type)!.value);
  const [year, month] =
    part('month') === 1 ? [part('year') - 1, 12] : [part('year'), part('month') - 1];
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const weekdays: string[] = [];
  for (let day = 1; day <= days; day++) {
    const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
    if (weekday !== 0 && weekday !== 6) weekdays.push(isoDate(year, month, day));
  }
  const next = month === 12 ? [year + 1, 1] : [year, month + 1];
  return {
    period: `${year}-${pad(month)}`,
    weekdays,
    from: isoDate(year, month, 1),
    until: isoDate(next[0]!, next[1]!, 1),
  };
}

/**
 * Two to five closed copy-trades per follower and weekday, each a position
 * (what the daily job sums) and a trade (what the generic report lists).
 */
export function sampleActivity(
  month: DemoMonth,
  followers: readonly FollowerDocument[] = FOLLOWERS,
) {
  const random = seededRandom(Number(month.period.replace('-', '')));
  const positions: PositionDocument[] = [];
  const trades: TradeDocument[] = [];
  for (const day of month.weekdays) {
    const compact = day.replace(/-/g, '');
    for (const follower of followers) {
      const count = 2 + Math.floor(random() * 4);
      for (let n = 0; n < count; n++) {
        const { symbol, price: base } = SYMBOLS[Math.floor(random() * SYMBOLS.length)]!;
        const price = cents(base * (1 + normal(random) * 0.015));
        const quantity = 5 * (1 + Math.floor(random() * 40));
        const realized = cents(normal(random) * 240 + (DRIFT[follower._id] ?? 0));
        // Open positions marked to market at the close: smaller, either sign, sometimes flat.
        const markToMarket = random() < 0.3 ? 0 : cents(normal(random) * 45);
        positions.push({
          follower_id: follower._id,
          date: compact,
          symbol,
          pnl_realized: realized,
          pnl_mtm: markToMarket,
        });
        const minute = 9 * 60 + 30 + Math.floor(random() * 390);
        trades.push({
          tradeId: '',
          followerId: follower._id,
          follower: follower.name,
          symbol,
          side: random() < 0.55 ? 'SELL' : 'BUY',
          quantity,
          price,
          notional: cents(price * quantity),
          pnl: realized,
          tradeDate: day,
          executedAt: zonedTime(day, Math.floor(minute / 60), minute % 60, MARKET_TIME_ZONE),
        });
      }
    }
  }
  trades.sort((a, b) => a.executedAt.getTime() - b.executedAt.getTime());
  // Fill numbers in execution order, as a broker numbers them.
  trades.forEach((trade, index) => (trade.tradeId = `F-${String(10_001 + index)}`));
  return { positions, trades };
}

/** A `report.generate` definition over `trades`: every fill of a date range. */
export const TRADES_DEFINITION_NAME = 'demo-trades';
export const TRADES_DEFINITION = {
  title: 'Copy-trading fills',
  description: 'Every fill copied to a follower, in execution order (New York time)',
  sourceCollection: 'trades',
  pipeline: [
    { $match: { executedAt: { $gte: { $param: 'from' }, $lt: { $param: 'until' } } } },
    { $sort: { executedAt: 1, tradeId: 1 } },
    {
      $project: {
        _id: 0,
        tradeId: 1,
        executedAt: 1,
        follower: 1,
        symbol: 1,
        side: 1,
        quantity: 1,
        price: 1,
        notional: 1,
        pnl: 1,
      },
    },
  ],
  parameters: [
    { name: 'from', type: 'date', required: true, description: 'First day (inclusive)' },
    {
      name: 'until',
      type: 'date',
      required: true,
      description: 'Day after the last one (exclusive)',
    },
  ],
  // Relative widths (PDF) and characters (XLSX): ids, times and names need more room than the type defaults give.
  columns: [
    { key: 'tradeId', header: 'Fill', type: 'text', width: 9 },
    { key: 'executedAt', header: 'Executed at', type: 'datetime', width: 20 },
    { key: 'follower', header: 'Follower', type: 'text', width: 18 },
    { key: 'symbol', header: 'Symbol', type: 'text', width: 7 },
    { key: 'side', header: 'Side', type: 'text', width: 5 },
    { key: 'quantity', header: 'Qty', type: 'integer', width: 5 },
    { key: 'price', header: 'Price', type: 'money', width: 9 },
    { key: 'notional', header: 'Notional', type: 'money', width: 11 },
    { key: 'pnl', header: 'Realized P&L', type: 'money', width: 11 },
  ],
  defaultFormats: ['pdf'],
};

/** The instant a wall-clock time on a day has in a time zone (DST included). */
export function zonedTime(day: string, hour: number, minute: number, timeZone: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, date, hour, minute);
  // Two passes: the zone's offset at the first guess may differ from the one at the answer.
  let instant = wall - offsetMs(wall, timeZone);
  instant = wall - offsetMs(instant, timeZone);
  return new Date(instant);
}

function offsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((candidate) => candidate.type === type)!.value);
  const asUtc = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
  );
  return asUtc - Math.floor(instant / 60_000) * 60_000;
}

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Standard normal (Box-Muller). */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Rounded to cents, still a double (what the old worker stored); never -0. */
const cents = (value: number) => Math.round(value * 100) / 100 || 0;
const pad = (value: number) => String(value).padStart(2, '0');
const isoDate = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;
