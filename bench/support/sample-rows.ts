import type { ReportColumn } from '../../libs/rendering/src/index.js';

/**
 * The rows every rendering and scale case uses: a sales table of seven
 * columns, one of each kind a report has (integer, text, money, percent,
 * date, date-time), deterministic so every run and every side of a
 * comparison renders the same bytes of input.
 */
export type SampleRow = {
  seq: number;
  customer: string;
  region: string;
  /** Money with two decimals, as a double (as the documents store it). */
  amount: number;
  /** Percent units, 0-100. */
  share: number;
  /** `YYYY-MM-DD`. */
  soldOn: string;
  soldAt: Date;
};

export const SAMPLE_COLUMNS: readonly ReportColumn[] = [
  { key: 'seq', header: 'No.', type: 'integer' },
  { key: 'customer', header: 'Customer', type: 'text' },
  { key: 'region', header: 'Region', type: 'text' },
  { key: 'amount', header: 'Amount', type: 'money' },
  { key: 'share', header: 'Share', type: 'percent' },
  { key: 'soldOn', header: 'Sold on', type: 'date' },
  { key: 'soldAt', header: 'Sold at', type: 'datetime' },
];

const FIRST_NAMES = [
  'Anna',
  'Björn',
  'Chloé',
  'Dmitri',
  'Elena',
  'François',
  'Grace',
  'Hiro',
  'Inès',
  'Jonas',
  'Katarzyna',
  'Liam',
  'María',
  'Noah',
  'Olga',
  'Pedro',
  'Quinn',
  'Rania',
  'Søren',
  'Tomasz',
  'Ümit',
  'Vera',
  'Zoë',
];
const LAST_NAMES = [
  'Andersson',
  'Bianchi',
  'Costa',
  'Dubois',
  'Eriksen',
  'Fischer',
  'García',
  'Horváth',
  'Ivanova',
  'Jansen',
  'Kowalski',
  'Lefèvre',
  'Müller',
  'Novák',
  "O'Brien",
  'Papadopoulos',
  'Quispe',
  'Rossi',
  'Schmidt',
  'Tanaka',
  'Ulrich',
  'Virtanen',
  'Wójcik',
  'Yılmaz',
  'Zhang',
  'Ångström',
  'Nguyen',
  'Silva',
  'Smith',
];
const COMPANY_SUFFIXES = ['', '', '', ' GmbH', ' & Partners Ltd.', ' Holding, Inc.'];
const REGIONS = ['eu-central', 'eu-west', 'us-east', 'us-west', 'apac'];
const DAY_MS = 86_400_000;
const START = Date.UTC(2025, 0, 1);

/** Row `n` (0-based) of the sample table. */
export function sampleRow(n: number): SampleRow {
  const soldAt = new Date(START + (n % 365) * DAY_MS + ((n * 7_919) % DAY_MS));
  return {
    seq: n + 1,
    customer: `${FIRST_NAMES[n % FIRST_NAMES.length]} ${LAST_NAMES[(n * 7) % LAST_NAMES.length]}${COMPANY_SUFFIXES[n % COMPANY_SUFFIXES.length]}`,
    region: REGIONS[n % REGIONS.length],
    amount: (((n * 48_271) % 2_000_000) - 250_000) / 100,
    share: (n * 37) % 101,
    soldOn: soldAt.toISOString().slice(0, 10),
    soldAt,
  };
}

export function* sampleRows(count: number): Generator<SampleRow> {
  for (let n = 0; n < count; n++) yield sampleRow(n);
}
