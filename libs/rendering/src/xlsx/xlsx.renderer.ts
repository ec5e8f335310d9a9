import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { createCellFormatter, isNumericType, type CellFormatter } from '../cell-formatter.js';
import { RenderFlow } from '../render-flow.js';
import type {
  ColumnType,
  ReportColumn,
  ReportDocument,
  Row,
  TableSection,
} from '../report-document.js';
import { FORMAT_DETAILS } from '../report-format.js';
import type { RenderOptions, RenderResult, ReportRenderer } from '../report-renderer.js';
import { SheetNames } from './sheet-names.js';
import { xlsxBacklog, zipStreamOf, type XlsxWorkbookWriter } from './xlsx-backlog.js';

export interface XlsxRendererOptions {
  /**
   * Rows on one sheet, header included. A table with more rows continues on
   * a new sheet that repeats the header. Default: Excel's limit, 1,048,576.
   */
  readonly maxRowsPerSheet?: number;
  /**
   * Bytes allowed to wait inside exceljs's zip pipeline and the output before
   * rows are held back until half of them have drained. Default 4 MiB.
   */
  readonly highWaterMark?: number;
}

const EXCEL_MAX_ROWS = 1_048_576;
const DEFAULT_HIGH_WATER_MARK = 4 * 1024 * 1024;
const OVERVIEW_SHEET = 'Report';

/** Column widths in characters when a column states none. */
const DEFAULT_WIDTH: Readonly<Record<ColumnType, number>> = {
  text: 28,
  integer: 12,
  number: 14,
  money: 16,
  percent: 10,
  date: 12,
  datetime: 18,
};

type Worksheet = ExcelJS.Worksheet;

/**
 * A workbook streamed with exceljs's writer straight into the output. The
 * first sheet, "Report", holds the title, subtitle, key-value blocks, chart
 * values and notes; each table follows on its own sheet named after its
 * title, its header in row 1 (frozen, with an autofilter). Cells are typed:
 * numbers, dates and text, with a number format per column, so Excel shows
 * them in the reader's locale.
 */
export class XlsxRenderer implements ReportRenderer {
  readonly format = 'xlsx' as const;
  readonly contentType = FORMAT_DETAILS.xlsx.contentType;
  readonly fileExtension = FORMAT_DETAILS.xlsx.fileExtension;
  private readonly maxRowsPerSheet: number;
  private readonly highWaterMark: number;

  constructor(options: XlsxRendererOptions = {}) {
    this.maxRowsPerSheet = options.maxRowsPerSheet ?? EXCEL_MAX_ROWS;
    this.highWaterMark = options.highWaterMark ?? DEFAULT_HIGH_WATER_MARK;
    if (!(this.maxRowsPerSheet >= 2 && this.maxRowsPerSheet <= EXCEL_MAX_ROWS)) {
      throw new RangeError(`maxRowsPerSheet must be between 2 and ${EXCEL_MAX_ROWS}`);
    }
  }

  async render(
    document: ReportDocument,
    output: Writable,
    options: RenderOptions = {},
  ): Promise<RenderResult> {
    const flow = new RenderFlow(output, options);
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: output,
      useSharedStrings: false,
      useStyles: true,
    });
    const zip = zipStreamOf(workbook);
    if (zip) flow.watch(zip);
    try {
      workbook.title = document.title;
      const names = new SheetNames();
      writeOverview(workbook.addWorksheet(names.claim(OVERVIEW_SHEET)), document);
      let rowCount = 0;
      let sheetCount = 1;
      for (const [index, section] of document.sections.entries()) {
        if (section.kind !== 'table') continue;
        const written = await this.writeTable(section, index, { workbook, document, names, flow });
        rowCount += written.rowCount;
        sheetCount += written.sheetCount;
      }
      await flow.race(workbook.commit());
      flow.close();
      return { format: this.format, contentType: this.contentType, rowCount, sheetCount };
    } catch (error) {
      // Stop the zip from writing into an output that is about to be destroyed.
      if (zip) {
        zip.unpipe(output);
        zip.on('error', () => undefined);
        zip.destroy();
      }
      throw flow.fail(error);
    }
  }

  private async writeTable(table: TableSection, index: number, context: TableContext) {
    const { workbook, document, names, flow } = context;
    const formatters = table.columns.map((column) => createCellFormatter(column, document));
    const values = (row: Row) =>
      table.columns.map((column, i) => formatters[i].spreadsheet(row[column.key]));
    const baseName = table.title ?? `Table ${index + 1}`;

    let sheetCount = 0;
    let rowCount = 0;
    let sheet = openTableSheet(workbook, names.claim(baseName), table.columns, formatters);
    sheetCount++;
    let rowsOnSheet = 1;
    let lastDataRow = 1;
    const ensureRoom = () => {
      if (rowsOnSheet < this.maxRowsPerSheet) return;
      closeTableSheet(sheet, table.columns.length, lastDataRow);
      // A taken name comes back numbered: "Daily P&L (2)".
      sheet = openTableSheet(workbook, names.claim(baseName), table.columns, formatters);
      sheetCount++;
      rowsOnSheet = 1;
      lastDataRow = 1;
    };
    const congested = () => xlsxBacklog(workbook, flow.output) > this.highWaterMark;
    const relieved = () => xlsxBacklog(workbook, flow.output) <= this.highWaterMark / 2;

    for await (const row of flow.rows(table.rows)) {
      ensureRoom();
      sheet.addRow(values(row)).commit();
      rowsOnSheet++;
      lastDataRow = rowsOnSheet;
      rowCount++;
      if (congested()) await flow.until(relieved);
    }
    for (const summary of table.summary ?? []) {
      ensureRoom();
      const added = sheet.addRow(values(summary));
      added.font = { bold: true };
      added.commit();
      rowsOnSheet++;
    }
    closeTableSheet(sheet, table.columns.length, lastDataRow);
    return { rowCount, sheetCount };
  }
}

interface TableContext {
  readonly workbook: XlsxWorkbookWriter;
  readonly document: ReportDocument;
  readonly names: SheetNames;
  readonly flow: RenderFlow;
}

function openTableSheet(
  workbook: XlsxWorkbookWriter,
  name: string,
  columns: readonly ReportColumn[],
  formatters: readonly CellFormatter[],
): Worksheet {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
  });
  sheet.columns = columns.map((column, i) => ({
    key: column.key,
    width: column.width ?? Math.max(DEFAULT_WIDTH[column.type], column.header.length + 2),
    style: {
      ...(formatters[i].numberFormat && { numFmt: formatters[i].numberFormat }),
      alignment: { horizontal: alignmentOf(column) },
    },
  }));
  const header = sheet.addRow(columns.map((column) => column.header));
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } };
  header.commit();
  return sheet;
}

/** The autofilter covers the header and data rows, not the summary below them. */
function closeTableSheet(sheet: Worksheet, columnCount: number, lastDataRow: number): void {
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: lastDataRow, column: columnCount } };
  sheet.commit();
}

function alignmentOf(column: ReportColumn): 'left' | 'center' | 'right' {
  return column.align ?? (isNumericType(column.type) ? 'right' : 'left');
}

/**
 * Written and committed before any table sheet: archiver zips entries one at
 * a time, so a sheet left open would hold every later sheet in memory.
 */
function writeOverview(sheet: Worksheet, document: ReportDocument): void {
  sheet.columns = [{ width: 32 }, { width: 28 }];
  const title = sheet.addRow([document.title]);
  title.font = { bold: true, size: 16 };
  if (document.subtitle)
    sheet.addRow([document.subtitle]).font = { italic: true, color: { argb: 'FF555555' } };

  const heading = (text: string | undefined) => {
    sheet.addRow([]);
    if (text) sheet.addRow([text]).font = { bold: true, size: 12 };
  };
  const typedRow = (label: string, value: unknown, formatter: CellFormatter) => {
    const row = sheet.addRow([label, formatter.spreadsheet(value)]);
    const cell = row.getCell(2);
    if (formatter.numberFormat) cell.numFmt = formatter.numberFormat;
    cell.alignment = { horizontal: isNumericType(formatter.type) ? 'right' : 'left' };
  };

  for (const section of document.sections) {
    switch (section.kind) {
      case 'keyValue':
        heading(section.title);
        for (const { label, value, type = 'text', decimals } of section.entries) {
          typedRow(label, value, createCellFormatter({ type, decimals }, document));
        }
        break;
      case 'chart': {
        heading(section.title);
        const formatter = createCellFormatter({ type: section.valueType ?? 'number' }, document);
        for (const bar of section.bars) typedRow(bar.label, bar.value, formatter);
        break;
      }
      case 'notes':
        heading(section.title);
        for (const paragraph of section.paragraphs) sheet.addRow([paragraph]);
        break;
      case 'table':
        break;
    }
  }
  sheet.commit();
}
