import type { ChartScale } from '../chart-scale.js';
import { escapeHtml } from './html-escape.js';

const WIDTH = 720;
const HEIGHT = 240;
const AXIS_WIDTH = 64;
const LABEL_HEIGHT = 28;
const TOP = 8;
const FONT_SIZE = 10;
/** Roughly the width of a character at FONT_SIZE, to thin out labels that would overlap. */
const CHAR_WIDTH = 6;

/** An inline SVG bar chart: no script, no external resources, prints as vectors. */
export function barChartSvg(scale: ChartScale, title: string): string {
  const plotWidth = WIDTH - AXIS_WIDTH;
  const plotHeight = HEIGHT - TOP - LABEL_HEIGHT;
  const y = (value: number) => TOP + ((scale.max - value) / (scale.max - scale.min)) * plotHeight;
  const slot = plotWidth / Math.max(scale.bars.length, 1);
  const longestLabel = Math.max(0, ...scale.bars.map((bar) => bar.label.length));
  const labelEvery = Math.max(1, Math.ceil((longestLabel * CHAR_WIDTH + 4) / slot));

  const parts: string[] = [];
  for (const tick of scale.ticks) {
    parts.push(
      `<line x1="${AXIS_WIDTH}" x2="${WIDTH}" y1="${num(y(tick))}" y2="${num(y(tick))}" class="grid"/>`,
      `<text x="${AXIS_WIDTH - 6}" y="${num(y(tick) + FONT_SIZE / 3)}" text-anchor="end">${escapeHtml(scale.tickLabel(tick))}</text>`,
    );
  }
  scale.bars.forEach((bar, index) => {
    const left = AXIS_WIDTH + index * slot;
    if (bar.value !== null) {
      const top = y(Math.max(bar.value, 0));
      const height = Math.abs(y(bar.value) - y(0));
      const kind = bar.value < 0 ? 'negative' : 'positive';
      parts.push(
        `<rect x="${num(left + slot * 0.15)}" y="${num(top)}" width="${num(slot * 0.7)}" height="${num(height)}" class="${kind}">` +
          `<title>${escapeHtml(`${bar.label}: ${bar.value}`)}</title></rect>`,
      );
    }
    if (index % labelEvery === 0) {
      parts.push(
        `<text x="${num(left + slot / 2)}" y="${HEIGHT - LABEL_HEIGHT + 16}" text-anchor="middle">${escapeHtml(bar.label)}</text>`,
      );
    }
  });
  parts.push(
    `<line x1="${AXIS_WIDTH}" x2="${WIDTH}" y1="${num(y(0))}" y2="${num(y(0))}" class="axis"/>`,
  );

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(title)}" class="chart" font-size="${FONT_SIZE}">` +
    parts.join('') +
    '</svg>'
  );
}

function num(value: number): string {
  return value.toFixed(1);
}
