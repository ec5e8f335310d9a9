import { createCellFormatter, isNumericType, type CellFormatter } from '../cell-formatter.js';
import { chartScale } from '../chart-scale.js';
import type {
  Alignment,
  ChartSection,
  ColumnType,
  KeyValueSection,
  NotesSection,
  ReportColumn,
  ReportDocument,
  Row,
  TableSection,
} from '../report-document.js';
import { columnWidths } from './column-widths.js';
import { drawBarChart } from './pdf-bar-chart.js';
import { PageFlow } from './pdf-page-flow.js';
import {
  applyStyle,
  drawLine,
  singleLine,
  useFont,
  wrapLines,
  type TextStyle,
} from './pdf-text.js';

type PdfDocument = PDFKit.PDFDocument;

export interface PageSetup {
  readonly size: 'A4' | 'LETTER';
  readonly orientation: 'portrait' | 'landscape';
}

/** Present when the composer draws; absent when it only counts pages. */
export interface Painting {
  /** From the counting pass, for "Page X of Y". */
  readonly pageCount: number;
  readonly pageLabel: (page: number, pageCount: number) => string;
}

/**
 * A table's rows for one pass: the real rows when drawing; when counting,
 * as many `undefined`s, since every row has the same height.
 */
export type TableRows = (
  table: TableSection,
  sectionIndex: number,
) => AsyncIterable<Row | undefined> | Iterable<Row | undefined>;

const PAGE_SIZES = { A4: [595.28, 841.89], LETTER: [612, 792] } as const;
const MARGIN_X = 40;
const CONTENT_TOP = 52;
const CONTENT_BOTTOM_GAP = 48;
const SECTION_GAP = 12;
const CELL_PADDING = 4;
// Low enough that a month of daily rows still fits on the page below it.
const CHART_HEIGHT = 140;

/** A kind of text line: how it looks and how much height it takes. */
interface LineStyle {
  readonly style: TextStyle;
  readonly height: number;
}

const lineStyle = (
  font: TextStyle['font'],
  size: number,
  color: string,
  height: number,
): LineStyle => ({
  style: { font, size, color },
  height,
});
const TITLE = lineStyle('bold', 18, '#111111', 24);
const SUBTITLE = lineStyle('regular', 11, '#555555', 16);
const HEADING = lineStyle('bold', 12, '#111111', 20);
const BODY = lineStyle('regular', 9.5, '#222222', 13);
const LABEL = lineStyle('regular', 9.5, '#555555', 13);
const CELL = lineStyle('regular', 8.5, '#222222', 14);
const HEADER_CELL = lineStyle('bold', 8.5, '#111111', 18);
const SUMMARY_CELL = lineStyle('bold', 8.5, '#111111', 15);
const RUNNING = lineStyle('regular', 8, '#777777', 10);

/** Relative column widths when a column states none. */
const DEFAULT_WEIGHT: Readonly<Record<ColumnType, number>> = {
  text: 3,
  integer: 1.2,
  number: 1.5,
  money: 1.8,
  percent: 1.2,
  date: 1.5,
  datetime: 2.3,
};

/**
 * Lays the document out on pages and, when painting, draws it. Row heights
 * are fixed (cells are cut to one line), so the same code run without
 * painting and with `undefined` rows yields the page count before a single
 * page is drawn: "of Y" without holding pages in memory.
 */
export class PdfComposer {
  private readonly flow: PageFlow;
  private readonly pageWidth: number;
  private readonly pageHeight: number;
  private readonly contentWidth: number;

  constructor(
    private readonly doc: PdfDocument,
    private readonly document: ReportDocument,
    private readonly setup: PageSetup,
    private readonly painting?: Painting,
  ) {
    const [short, long] = PAGE_SIZES[setup.size];
    [this.pageWidth, this.pageHeight] =
      setup.orientation === 'portrait' ? [short, long] : [long, short];
    this.contentWidth = this.pageWidth - 2 * MARGIN_X;
    this.flow = new PageFlow(CONTENT_TOP, this.pageHeight - CONTENT_BOTTOM_GAP, (page) =>
      this.startPage(page),
    );
  }

  async compose(rowsOf: TableRows): Promise<{ pageCount: number; rowCount: number }> {
    this.paragraph(this.document.title, TITLE);
    if (this.document.subtitle) this.paragraph(this.document.subtitle, SUBTITLE);
    let rowCount = 0;
    for (const [index, section] of this.document.sections.entries()) {
      this.flow.skip(SECTION_GAP);
      switch (section.kind) {
        case 'keyValue':
          this.keyValues(section);
          break;
        case 'table':
          rowCount += await this.table(section, rowsOf(section, index));
          break;
        case 'chart':
          this.chart(section);
          break;
        case 'notes':
          this.notes(section);
          break;
      }
    }
    // A document of nothing is still one page.
    if (this.flow.page === 0) this.flow.newPage();
    return { pageCount: this.flow.page, rowCount };
  }

  private startPage(page: number): void {
    if (!this.painting) return;
    const { doc } = this;
    doc.addPage({ size: this.setup.size, layout: this.setup.orientation, margin: 0 });
    applyStyle(doc, RUNNING.style);
    drawLine(doc, this.document.title, MARGIN_X, 24, this.contentWidth * 0.75);
    doc
      .moveTo(MARGIN_X, 38)
      .lineTo(this.pageWidth - MARGIN_X, 38)
      .lineWidth(0.5)
      .strokeColor('#cccccc')
      .stroke();
    const label = this.painting.pageLabel(page, this.painting.pageCount);
    drawLine(doc, label, MARGIN_X, this.pageHeight - 30, this.contentWidth, { align: 'right' });
  }

  /** Wrapped text, line by line, so a long one continues on the next page. */
  private paragraph(text: string, line: LineStyle): void {
    useFont(this.doc, line.style);
    for (const wrapped of wrapLines(this.doc, text, this.contentWidth)) {
      const y = this.flow.take(line.height);
      if (this.painting) {
        applyStyle(this.doc, line.style);
        drawLine(
          this.doc,
          wrapped,
          MARGIN_X,
          y + (line.height - line.style.size) / 2,
          this.contentWidth,
        );
      }
    }
  }

  /** A section title, kept on the same page as the first `following` points of its section. */
  private heading(title: string | undefined, following: number): void {
    if (!title) return;
    this.flow.ensure(HEADING.height + following);
    this.paragraph(title, HEADING);
  }

  private keyValues(section: KeyValueSection): void {
    const { doc } = this;
    this.heading(section.title, BODY.height);
    useFont(doc, LABEL.style);
    const widest = Math.max(0, ...section.entries.map((entry) => doc.widthOfString(entry.label)));
    const labelWidth = Math.min(widest + 16, this.contentWidth * 0.45);
    for (const { label, value, type = 'text', decimals } of section.entries) {
      const y = this.flow.take(BODY.height);
      if (!this.painting) continue;
      const text = singleLine(createCellFormatter({ type, decimals }, this.document).text(value));
      const textY = y + (BODY.height - BODY.style.size) / 2;
      applyStyle(doc, LABEL.style);
      drawLine(doc, singleLine(label), MARGIN_X, textY, labelWidth - 8);
      applyStyle(doc, BODY.style);
      drawLine(doc, text, MARGIN_X + labelWidth, textY, this.contentWidth - labelWidth, {
        shrinkFrom: type === 'text' ? undefined : BODY.style.size,
      });
    }
  }

  private chart(section: ChartSection): void {
    this.heading(section.title, CHART_HEIGHT);
    if (section.bars.length === 0) {
      this.paragraph('No data', LABEL);
      return;
    }
    const y = this.flow.take(CHART_HEIGHT);
    if (this.painting) {
      drawBarChart(this.doc, chartScale(section, this.document), {
        x: MARGIN_X,
        y,
        width: this.contentWidth,
        height: CHART_HEIGHT,
      });
    }
  }

  private notes(section: NotesSection): void {
    this.heading(section.title, BODY.height);
    for (const [index, text] of section.paragraphs.entries()) {
      if (index > 0) this.flow.skip(4);
      this.paragraph(text, BODY);
    }
  }

  private async table(table: TableSection, rows: ReturnType<TableRows>): Promise<number> {
    const layout = this.tableLayout(table.columns);
    const header = () => this.tableHeader(layout, this.flow.take(HEADER_CELL.height));
    // Title, header and a first row together: never a header alone at the foot of a page.
    const start = HEADER_CELL.height + CELL.height;
    this.flow.ensure((table.title ? HEADING.height : 0) + start);
    this.heading(table.title, start);
    header();

    let rowCount = 0;
    for await (const row of rows) {
      if (this.flow.ensure(CELL.height)) header();
      const y = this.flow.take(CELL.height);
      if (this.painting && row) this.tableRow(layout, row, y, CELL, rowCount % 2 === 1);
      rowCount++;
    }
    for (const [index, row] of (table.summary ?? []).entries()) {
      if (this.flow.ensure(SUMMARY_CELL.height)) header();
      const y = this.flow.take(SUMMARY_CELL.height);
      if (!this.painting) continue;
      if (index === 0) this.rule(y, 0.8, '#999999');
      this.tableRow(layout, row, y, SUMMARY_CELL, false);
    }
    return rowCount;
  }

  private tableLayout(columns: readonly ReportColumn[]): TableLayout {
    useFont(this.doc, HEADER_CELL.style);
    const widths = columnWidths(
      columns.map((column) => column.width ?? DEFAULT_WEIGHT[column.type]),
      columns.map(
        (column) => this.doc.widthOfString(singleLine(column.header)) + 2 * CELL_PADDING + 1,
      ),
      this.contentWidth,
    );
    let x = MARGIN_X;
    return columns.map((column, i) => {
      const cell: LaidOutColumn = {
        column,
        x,
        width: widths[i],
        align: column.align ?? (isNumericType(column.type) ? 'right' : 'left'),
        formatter: createCellFormatter(column, this.document),
        // Cutting a number or a date would misstate it; it is shrunk instead.
        shrinks: column.type !== 'text',
      };
      x += widths[i];
      return cell;
    });
  }

  private tableHeader(layout: TableLayout, y: number): void {
    if (!this.painting) return;
    const { doc } = this;
    doc.rect(MARGIN_X, y, this.contentWidth, HEADER_CELL.height).fill('#eeeeee');
    this.rule(y + HEADER_CELL.height, 0.8, '#999999');
    applyStyle(doc, HEADER_CELL.style);
    const textY = y + (HEADER_CELL.height - HEADER_CELL.style.size) / 2;
    for (const cell of layout) {
      // Headers are shrunk, never cut, in the rare table too narrow for all of them.
      drawLine(
        doc,
        singleLine(cell.column.header),
        cell.x + CELL_PADDING,
        textY,
        cell.width - 2 * CELL_PADDING,
        {
          align: cell.align,
          shrinkFrom: HEADER_CELL.style.size,
        },
      );
    }
  }

  private tableRow(
    layout: TableLayout,
    row: Row,
    y: number,
    line: LineStyle,
    striped: boolean,
  ): void {
    const { doc } = this;
    if (striped) doc.rect(MARGIN_X, y, this.contentWidth, line.height).fill('#f6f6f6');
    applyStyle(doc, line.style);
    const textY = y + (line.height - line.style.size) / 2;
    for (const cell of layout) {
      const text = singleLine(cell.formatter.text(row[cell.column.key]));
      drawLine(doc, text, cell.x + CELL_PADDING, textY, cell.width - 2 * CELL_PADDING, {
        align: cell.align,
        shrinkFrom: cell.shrinks ? line.style.size : undefined,
      });
    }
  }

  private rule(y: number, width: number, color: string): void {
    this.doc
      .moveTo(MARGIN_X, y)
      .lineTo(this.pageWidth - MARGIN_X, y)
      .lineWidth(width)
      .strokeColor(color)
      .stroke();
  }
}

interface LaidOutColumn {
  readonly column: ReportColumn;
  readonly x: number;
  readonly width: number;
  readonly align: Alignment;
  readonly formatter: CellFormatter;
  readonly shrinks: boolean;
}

type TableLayout = readonly LaidOutColumn[];
