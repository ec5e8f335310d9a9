import type { ChartScale } from '../chart-scale.js';
import { applyStyle, drawLine, type TextStyle } from './pdf-text.js';

type PdfDocument = PDFKit.PDFDocument;

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const AXIS_WIDTH = 52;
const LABEL_HEIGHT = 14;
const LABEL_STYLE: TextStyle = { font: 'regular', size: 7, color: '#555555' };
const POSITIVE = '#4472c4';
const NEGATIVE = '#c0504d';

/** A bar chart in vector primitives: grid, value axis, bars from zero, thinned-out labels. */
export function drawBarChart(doc: PdfDocument, scale: ChartScale, box: Box): void {
  const plot = {
    x: box.x + AXIS_WIDTH,
    y: box.y + 4,
    width: box.width - AXIS_WIDTH,
    height: box.height - LABEL_HEIGHT - 4,
  };
  const y = (value: number) =>
    plot.y + ((scale.max - value) / (scale.max - scale.min)) * plot.height;

  doc.save();
  applyStyle(doc, LABEL_STYLE);
  doc.lineWidth(0.5).strokeColor('#e0e0e0');
  for (const tick of scale.ticks) {
    doc
      .moveTo(plot.x, y(tick))
      .lineTo(plot.x + plot.width, y(tick))
      .stroke();
    drawLine(doc, scale.tickLabel(tick), box.x, y(tick) - LABEL_STYLE.size / 2, AXIS_WIDTH - 6, {
      align: 'right',
      shrinkFrom: LABEL_STYLE.size,
    });
  }

  const slot = plot.width / Math.max(scale.bars.length, 1);
  const longest = Math.max(0, ...scale.bars.map((bar) => doc.widthOfString(bar.label)));
  const labelEvery = Math.max(1, Math.ceil((longest + 4) / slot));
  scale.bars.forEach((bar, index) => {
    const left = plot.x + index * slot;
    if (bar.value !== null && bar.value !== 0) {
      const top = y(Math.max(bar.value, 0));
      doc
        .rect(left + slot * 0.15, top, slot * 0.7, Math.abs(y(bar.value) - y(0)))
        .fill(bar.value < 0 ? NEGATIVE : POSITIVE);
    }
    if (index % labelEvery === 0) {
      applyStyle(doc, LABEL_STYLE);
      drawLine(
        doc,
        bar.label,
        left - (slot * (labelEvery - 1)) / 2,
        plot.y + plot.height + 3,
        slot * labelEvery,
        { align: 'center' },
      );
    }
  });

  doc.lineWidth(0.8).strokeColor('#666666');
  doc
    .moveTo(plot.x, y(0))
    .lineTo(plot.x + plot.width, y(0))
    .stroke();
  doc
    .moveTo(plot.x, plot.y)
    .lineTo(plot.x, plot.y + plot.height)
    .stroke();
  doc.restore();
}
