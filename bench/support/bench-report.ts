/** One target from the issue, checked against a figure of this run. */
export interface TargetCheck {
  /** What is compared, e.g. "PubSubServer CPU per message vs bare subscriber". */
  readonly name: string;
  /** The figure, e.g. "1.12x (41.2 µs vs 36.8 µs)". */
  readonly measured: string;
  /** The target, e.g. "≤ 1.25x". */
  readonly target: string;
  /** true: met; false: missed; null: could not be measured in this run. */
  readonly pass: boolean | null;
  readonly note?: string;
}

/** What a suite hands the results writer. */
export interface SuiteReport {
  readonly id: string;
  readonly title: string;
  /** One paragraph: what was measured, how. */
  readonly method: string;
  /** Set when the suite did not run at all. */
  readonly skipped?: string;
  /** Markdown tables and lines of the section's body. */
  readonly body: readonly string[];
  readonly targets: readonly TargetCheck[];
  /** Observations, caveats, and anything that was cut down (with why). */
  readonly notes: readonly string[];
  /** Every measured number, for results/latest.json. */
  readonly data: unknown;
}

export function skippedSuite(id: string, title: string, reason: string): SuiteReport {
  return {
    id,
    title,
    method: '',
    skipped: reason,
    body: [],
    targets: [],
    notes: [],
    data: { skipped: reason },
  };
}

export const MIB = 1024 * 1024;

/** `123.4 MB` (mebibytes). */
export function mb(bytes: number | undefined): string {
  return bytes === undefined || !Number.isFinite(bytes) ? 'n/a' : `${(bytes / MIB).toFixed(1)} MB`;
}

/** `+12.3 MB` or `-4.5 MB`: a change in memory. */
export function mbChange(bytes: number | undefined): string {
  return bytes === undefined || !Number.isFinite(bytes)
    ? 'n/a'
    : `${bytes < 0 ? '-' : '+'}${mb(Math.abs(bytes))}`;
}

/** `1,234,567` */
export function whole(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value)
    ? 'n/a'
    : Math.round(value).toLocaleString('en-US');
}

/** `12.3` with `digits` decimals. */
export function fixed(value: number | undefined, digits = 1): string {
  return value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
}

/** `1.23x` */
export function times(ratio: number | undefined): string {
  return ratio === undefined || !Number.isFinite(ratio) ? 'n/a' : `${ratio.toFixed(2)}x`;
}

export function mark(pass: boolean | null): string {
  return pass === null ? '⚠️ not measured' : pass ? '✅ pass' : '❌ miss';
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile of `values` (0-100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** A markdown table. */
export function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly ('l' | 'r')[],
): string[] {
  const rule = header.map((_, i) => ((align?.[i] ?? 'l') === 'r' ? '---:' : '---'));
  return [row(header), row(rule), ...rows.map(row)];
}

function row(cells: readonly string[]): string {
  return `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
