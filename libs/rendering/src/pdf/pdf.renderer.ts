import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import PdfDocument from 'pdfkit';
import { RenderFlow } from '../render-flow.js';
import { RenderLimitError } from '../render-limit.error.js';
import type { ReportDocument, Row, TableSection } from '../report-document.js';
import { FORMAT_DETAILS } from '../report-format.js';
import type { RenderOptions, RenderResult, ReportRenderer } from '../report-renderer.js';
import { PdfComposer, type PageSetup, type TableRows } from './pdf-composer.js';
import { clearFontLayoutCaches, dejaVuSans, type PdfFonts } from './pdf-fonts.js';

export interface PdfRendererOptions {
  /**
   * Table rows one PDF may hold, summed over its tables. A larger report
   * fails with `RenderLimitError` before anything is drawn. Default 50,000
   * (about 1,300 A4 pages).
   */
  readonly maxRows?: number;
  /** Default A4. */
  readonly pageSize?: PageSetup['size'];
  /** Default portrait. */
  readonly orientation?: PageSetup['orientation'];
  /** Embedded TrueType fonts. Default DejaVu Sans; give a CJK-capable font for CJK names. */
  readonly fonts?: PdfFonts;
  /** The footer text. Default "Page 3 of 12". */
  readonly pageLabel?: (page: number, pageCount: number) => string;
}

const DEFAULT_MAX_ROWS = 50_000;
/** Rows between two clearings of pdfkit's per-word layout cache. */
const LAYOUT_CACHE_ROWS = 1_000;
/** Bytes pdfkit may hold for an output that is not keeping up before drawing waits. */
const HIGH_WATER_MARK = 1024 * 1024;

/**
 * PDF with pdfkit, streamed page by page: pages are written as soon as the
 * next one starts, never buffered. "Page X of Y" needs Y up front, so the
 * document is laid out twice by the same code: a counting pass (rows are one
 * line high, so only their number matters) and a drawing pass. The rows are
 * read twice unless the table states its `rowCount`.
 */
export class PdfRenderer implements ReportRenderer {
  readonly format = 'pdf' as const;
  readonly contentType = FORMAT_DETAILS.pdf.contentType;
  readonly fileExtension = FORMAT_DETAILS.pdf.fileExtension;
  private readonly maxRows: number;
  private readonly setup: PageSetup;
  private readonly fonts: PdfFonts | undefined;
  private readonly pageLabel: (page: number, pageCount: number) => string;

  constructor(options: PdfRendererOptions = {}) {
    this.maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
    this.setup = { size: options.pageSize ?? 'A4', orientation: options.orientation ?? 'portrait' };
    this.fonts = options.fonts;
    this.pageLabel = options.pageLabel ?? ((page, pageCount) => `Page ${page} of ${pageCount}`);
  }

  async render(
    document: ReportDocument,
    output: Writable,
    options: RenderOptions = {},
  ): Promise<RenderResult> {
    const flow = new RenderFlow(output, options);
    let doc: PDFKit.PDFDocument | undefined;
    try {
      const counts = await this.countRows(document, flow);
      const fonts = this.fonts ?? (await dejaVuSans());
      doc = new PdfDocument({
        autoFirstPage: false,
        // Not Helvetica: it would be loaded from disk for every document and never used.
        font: null as unknown as string,
        lang: document.locale,
        displayTitle: true,
        info: { Title: document.title },
      });
      doc.registerFont('regular', fonts.regular);
      doc.registerFont('bold', fonts.bold);

      const counted = new PdfComposer(doc, document, this.setup);
      const { pageCount } = await counted.compose((_table, index) =>
        flow.rows(() => placeholders(counts.get(index) ?? 0)),
      );
      clearFontLayoutCaches(doc);

      const piped = pipeline(doc, output);
      piped.catch(() => undefined);
      const painted = new PdfComposer(doc, document, this.setup, {
        pageCount,
        pageLabel: this.pageLabel,
      });
      const { rowCount } = await painted.compose(this.drawnRows(doc, flow, counts));
      doc.end();
      await flow.race(piped);
      flow.close();
      return { format: this.format, contentType: this.contentType, rowCount, pageCount };
    } catch (error) {
      doc?.destroy();
      throw flow.fail(error);
    }
  }

  /** Rows per table (by section index): stated, or counted by reading them, up to the limit. */
  private async countRows(
    document: ReportDocument,
    flow: RenderFlow,
  ): Promise<Map<number, number>> {
    const counts = new Map<number, number>();
    let total = 0;
    for (const [index, section] of document.sections.entries()) {
      if (section.kind !== 'table') continue;
      let count = section.rowCount ?? 0;
      if (section.rowCount === undefined) {
        // Stops reading as soon as the limit is passed: no need to count a million rows to refuse them.
        const rows = flow.rows(section.rows);
        while (!(await rows.next()).done) {
          if (total + ++count > this.maxRows) {
            await rows.return();
            break;
          }
        }
      }
      total += count;
      if (total > this.maxRows) throw new RenderLimitError('pdf', this.maxRows, ['csv', 'xlsx']);
      counts.set(index, count);
    }
    return counts;
  }

  /**
   * The drawing pass's rows: checked against the count the pages were
   * numbered by, with pdfkit's layout cache cleared and the output's
   * back-pressure respected as they go.
   */
  private drawnRows(
    doc: PDFKit.PDFDocument,
    flow: RenderFlow,
    counts: Map<number, number>,
  ): TableRows {
    const readable = doc as unknown as Readable;
    const congested = () => readable.readableLength > HIGH_WATER_MARK;
    const relieved = () => readable.readableLength <= HIGH_WATER_MARK / 2;
    return async function* (table: TableSection, index: number): AsyncGenerator<Row> {
      const expected = counts.get(index) ?? 0;
      let count = 0;
      for await (const row of flow.rows(table.rows)) {
        if (++count > expected) throw rowCountMismatch(table, expected, 'more');
        yield row;
        if (count % LAYOUT_CACHE_ROWS === 0) clearFontLayoutCaches(doc);
        if (congested()) await flow.until(relieved);
      }
      if (count < expected) throw rowCountMismatch(table, expected, 'fewer');
    };
  }
}

function* placeholders(count: number): Generator<undefined> {
  for (let i = 0; i < count; i++) yield undefined;
}

function rowCountMismatch(
  table: TableSection,
  expected: number,
  direction: 'more' | 'fewer',
): Error {
  const name = table.title ? `Table "${table.title}"` : 'A table';
  return new Error(
    `${name} yielded ${direction} rows than the ${expected} its pages were numbered for; ` +
      'its rows changed between the two passes or its rowCount is wrong',
  );
}
