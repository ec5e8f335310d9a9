import { describe, expect, it } from 'vitest';
import { chartScale } from './chart-scale.js';
import type { ChartSection } from './report-document.js';
import { plainSpaces } from './testing/sample-report.js';

const settings = { locale: 'en-US', timeZone: 'UTC', currency: 'USD' };
const chart = (values: unknown[], valueType?: ChartSection['valueType']): ChartSection => ({
  kind: 'chart',
  valueType,
  bars: values.map((value, i) => ({ label: `d${i + 1}`, value })),
});

describe('chartScale', () => {
  it('spans zero and the values with round ticks', () => {
    const scale = chartScale(chart(['120.50', -80, 310]), settings);

    expect(scale.min).toBe(-100);
    expect(scale.max).toBe(400);
    expect(scale.ticks).toEqual([-100, 0, 100, 200, 300, 400]);
    expect(scale.bars.map((bar) => bar.value)).toEqual([120.5, -80, 310]);
  });

  it('keeps zero at the bottom for positive values and draws no bar for empty ones', () => {
    const scale = chartScale(chart([0.3, null, 0.7]), settings);

    expect(scale.ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(scale.bars[1].value).toBeNull();
  });

  it('has an axis even when every value is zero or missing', () => {
    const scale = chartScale(chart([]), settings);

    expect(scale.min).toBe(0);
    expect(scale.max).toBeGreaterThan(0);
  });

  it('labels ticks compactly in the value type', () => {
    expect(chartScale(chart([2500], 'money'), settings).tickLabel(2500)).toBe('$2.5K');
    expect(chartScale(chart([20], 'percent'), settings).tickLabel(20)).toBe('20%');
    const german = chartScale(chart([20], 'money'), {
      ...settings,
      locale: 'de-DE',
      currency: 'EUR',
    });
    expect(plainSpaces(german.tickLabel(-100))).toBe('-100 €');
  });
});
