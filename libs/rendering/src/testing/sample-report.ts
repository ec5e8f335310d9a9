import { PassThrough, type Writable } from 'node:stream';
import { Decimal } from 'decimal.js';
import type { ReportColumn, ReportDocument, Row, TableSection } from '../report-document.js';
import type { RenderResult } from '../report-renderer.js';

/** Test support for the renderers' specs; not exported by the library. */

/** A stand-in for BSON's Decimal128: an object that prints as a decimal. */
export class Decimal128Like {
  constructor(private readonly digits: string) {}
  toString(): string {
    return this.digits;
  }
}

export const SAMPLE_COLUMNS: readonly ReportColumn[] = [
  { key: 'name', header: 'Follower', type: 'text' },
  { key: 'trades', header: 'Trades', type: 'integer' },
  { key: 'volume', header: 'Volume', type: 'number', decimals: 3 },
  { key: 'pnl', header: 'P&L', type: 'money' },
  { key: 'commission', header: 'Commission %', type: 'percent' },
  { key: 'day', header: 'Day', type: 'date' },
  { key: 'executedAt', header: 'Executed at', type: 'datetime' },
];

/** Every column type, non-Latin names, quotes, commas, newlines, formula-like text, empties. */
export const SAMPLE_ROWS: readonly Row[] = [
  {
    name: 'Zoë Ångström',
    trades: 1234,
    volume: 1234.5678,
    pnl: '1234.56',
    commission: 20,
    day: '20240301',
    executedAt: '2024-03-01T14:30:00Z',
  },
  {
    name: '李雷',
    trades: 7n,
    volume: '0.5',
    pnl: new Decimal('-987654.325'),
    commission: '12.5',
    day: '2024-03-02',
    executedAt: new Date('2024-03-02T05:00:00Z'),
  },
  {
    name: 'Ελένη "the Greek", Jr.\nsecond line',
    trades: -3,
    volume: -2.25,
    pnl: -42.1,
    commission: 0,
    // 23:59 on 2 March in New York.
    day: new Date('2024-03-03T04:59:00Z'),
    executedAt: Date.UTC(2024, 2, 3, 18, 0),
  },
  {
    name: '=SUM(A1)',
    trades: null,
    volume: undefined,
    pnl: new Decimal128Like('0.10'),
    commission: null,
    day: null,
  },
  {
    name: '-2+3',
    trades: 0,
    volume: 0,
    pnl: '-0.001',
    commission: 100,
    day: '2024-03-04',
    executedAt: null,
  },
  {
    name: '@cmd <b>&amp;</b>',
    trades: 1,
    volume: 1,
    pnl: 'n/a',
    commission: 5,
    day: 'soon',
    executedAt: 'whenever',
  },
];

export function sampleTable(overrides: Partial<TableSection> = {}): TableSection {
  return {
    kind: 'table',
    title: 'Trades',
    columns: SAMPLE_COLUMNS,
    rows: () => SAMPLE_ROWS,
    summary: [{ name: 'Total', trades: 1239, pnl: '-986461.766' }],
    ...overrides,
  };
}

export function sampleReport(overrides: Partial<ReportDocument> = {}): ReportDocument {
  return {
    title: 'Monthly report — March 2024',
    subtitle: 'Follower Zoë Ångström',
    locale: 'de-DE',
    timeZone: 'America/New_York',
    currency: 'EUR',
    sections: [
      {
        kind: 'keyValue',
        title: 'Follower',
        entries: [
          { label: 'E-mail', value: 'zoe@example.com' },
          { label: 'IBAN', value: 'DE89 3704 0044 0532 0130 00' },
          { label: 'Commission rate', value: 20, type: 'percent' },
        ],
      },
      {
        kind: 'keyValue',
        title: 'Monthly summary',
        entries: [
          { label: 'Profit and loss', value: '1234.56', type: 'money' },
          { label: 'Commission', value: new Decimal('246.912'), type: 'money' },
        ],
      },
      {
        kind: 'chart',
        title: 'Daily P&L',
        valueType: 'money',
        bars: [
          { label: '01.03.', value: '120.50' },
          { label: '02.03.', value: '-80' },
          { label: '03.03.', value: null },
          { label: '04.03.', value: 310 },
        ],
      },
      sampleTable(),
      {
        kind: 'notes',
        title: 'Notes',
        paragraphs: ['Amounts in EUR. Times in New York.', 'Questions? Reply to this e-mail.'],
      },
    ],
    ...overrides,
  };
}

/** A table of `count` plain rows; counts how often its rows are opened. */
export function longTable(
  count: number,
  overrides: Partial<TableSection> = {},
): TableSection & { opened: () => number } {
  let opened = 0;
  return {
    kind: 'table',
    title: 'Daily P&L',
    columns: [
      { key: 'n', header: 'No.', type: 'integer' },
      { key: 'name', header: 'Name', type: 'text' },
      { key: 'pnl', header: 'P&L', type: 'money' },
    ],
    rows: async function* () {
      opened++;
      for (let n = 1; n <= count; n++) yield { n, name: `Follower ${n}`, pnl: `${n}.25` };
    },
    opened: () => opened,
    ...overrides,
  };
}

/** An output that keeps what is written; `bytes()` once the render has resolved. */
export function memoryOutput(): Writable & { bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const output = new PassThrough();
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  return Object.assign(output, { bytes: () => Buffer.concat(chunks) });
}

export async function renderToBuffer(
  render: (output: Writable) => Promise<RenderResult>,
): Promise<{ result: RenderResult; bytes: Buffer }> {
  const output = memoryOutput();
  const result = await render(output);
  return { result, bytes: output.bytes() };
}

/** Intl separates the amount from the currency with a no-break space; compare with plain spaces. */
export function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}
