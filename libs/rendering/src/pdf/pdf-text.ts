import type { Alignment } from '../report-document.js';

type PdfDocument = PDFKit.PDFDocument;

export interface TextStyle {
  readonly font: 'regular' | 'bold';
  readonly size: number;
  readonly color: string;
}

const ELLIPSIS = '…';
/** Numbers are shrunk rather than cut, down to this size; a cut number would lie. */
const MIN_SHRUNK_SIZE = 5;

/** Font and size only: enough to measure text, and needs no page. */
export function useFont(doc: PdfDocument, style: TextStyle): void {
  doc.font(style.font).fontSize(style.size);
}

/** Font, size and colour, for drawing. */
export function applyStyle(doc: PdfDocument, style: TextStyle): void {
  doc.font(style.font).fontSize(style.size).fillColor(style.color);
}

/** Newlines and tabs as spaces: table cells are one line high. */
export function singleLine(text: string): string {
  return text.replace(/[\s\p{Cc}]+/gu, ' ').trim();
}

export interface LineOptions {
  readonly align?: Alignment;
  /**
   * The current font size, for text that must not be cut (numbers, dates):
   * too wide, it is drawn smaller instead, down to a legible minimum.
   */
  readonly shrinkFrom?: number;
}

/**
 * Draws one line of text in a box `width` wide at (x, y), in the current
 * style. Too wide, text is cut with an ellipsis, or shrunk (`shrinkFrom`).
 */
export function drawLine(
  doc: PdfDocument,
  text: string,
  x: number,
  y: number,
  width: number,
  options: LineOptions = {},
): void {
  if (text === '') return;
  const { align = 'left', shrinkFrom } = options;
  let line = text;
  let lineWidth = doc.widthOfString(line);
  const shrinking = lineWidth > width && shrinkFrom !== undefined;
  if (shrinking) {
    doc.fontSize(Math.max(MIN_SHRUNK_SIZE, (shrinkFrom * width) / lineWidth));
    lineWidth = doc.widthOfString(line);
  } else if (lineWidth > width) {
    line = ellipsize(doc, line, width);
    lineWidth = doc.widthOfString(line);
  }
  const left =
    align === 'right'
      ? x + width - lineWidth
      : align === 'center'
        ? x + (width - lineWidth) / 2
        : x;
  doc.text(line, left, y, { lineBreak: false });
  if (shrinking) doc.fontSize(shrinkFrom);
}

/** The longest start of `text` that fits `width` with an ellipsis after it. */
export function ellipsize(doc: PdfDocument, text: string, width: number): string {
  const chars = Array.from(text);
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (doc.widthOfString(chars.slice(0, middle).join('') + ELLIPSIS) <= width) low = middle;
    else high = middle - 1;
  }
  return low === 0 ? ELLIPSIS : chars.slice(0, low).join('').trimEnd() + ELLIPSIS;
}

/** Greedy word wrap in the current style; a word longer than a line is broken. */
export function wrapLines(doc: PdfDocument, text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (doc.widthOfString(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = word;
      while (doc.widthOfString(line) > width && line.length > 1) {
        const fitting = fittingPrefix(doc, line, width);
        lines.push(fitting);
        line = line.slice(fitting.length);
      }
    }
    lines.push(line);
  }
  return lines;
}

function fittingPrefix(doc: PdfDocument, text: string, width: number): string {
  let end = text.length - 1;
  while (end > 1 && doc.widthOfString(text.slice(0, end)) > width) end--;
  return text.slice(0, end);
}
