import { toDecimal } from './cell-values.js';
import type { FormatSettings } from './cell-formatter.js';
import type { ChartSection } from './report-document.js';

/** A chart's bars and value axis, ready to be drawn by any renderer. */
export interface ChartScale {
  readonly bars: readonly { readonly label: string; readonly value: number | null }[];
  /** Axis bounds: round numbers, and zero is always inside so bars grow from it. */
  readonly min: number;
  readonly max: number;
  readonly ticks: readonly number[];
  tickLabel(value: number): string;
}

export function chartScale(
  chart: ChartSection,
  settings: FormatSettings,
  tickCount = 5,
): ChartScale {
  const bars = chart.bars.map(({ label, value }) => ({
    label,
    value: toDecimal(value)?.toNumber() ?? null,
  }));
  const values = bars.flatMap((bar) => (bar.value === null ? [] : [bar.value]));
  const low = Math.min(0, ...values);
  const high = Math.max(0, ...values);
  const step = niceStep((high - low || 1) / (tickCount - 1));
  const min = Math.floor(low / step) * step;
  const max = Math.max(Math.ceil(high / step) * step, min + step);
  const ticks: number[] = [];
  // toPrecision drops the float noise of repeated additions (0.30000000000000004).
  for (let tick = min; tick <= max + step / 2; tick += step)
    ticks.push(Number(tick.toPrecision(12)));
  return { bars, min, max, ticks, tickLabel: tickFormatter(chart.valueType ?? 'number', settings) };
}

/** 1, 2 or 5 times a power of ten: steps a reader can add up. */
function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

function tickFormatter(
  type: NonNullable<ChartSection['valueType']>,
  { locale, currency }: FormatSettings,
) {
  // Compact ("1.2K") because axis labels have little room.
  const compact = {
    notation: 'compact',
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  } as const;
  switch (type) {
    case 'money': {
      const intl = new Intl.NumberFormat(locale, { ...compact, style: 'currency', currency });
      return (value: number) => intl.format(value);
    }
    case 'percent': {
      const intl = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });
      // Ticks are round numbers already; float division cannot hurt them.
      return (value: number) => intl.format(value / 100);
    }
    default: {
      const intl = new Intl.NumberFormat(locale, compact);
      return (value: number) => intl.format(value);
    }
  }
}
