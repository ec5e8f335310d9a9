import type { Writable } from 'node:stream';
import { createCellFormatter, isNumericType, type CellFormatter } from '../cell-formatter.js';
import { isPlainDecimal } from '../cell-values.js';
import { RenderFlow } from '../render-flow.js';
import type { ReportDocument, TableSection } from '../report-document.js';
import { FORMAT_DETAILS } from '../report-format.js';
import type { RenderOptions, RenderResult, ReportRenderer } from '../report-renderer.js';
import { TextSink } from '../text-sink.js';

export interface CsvRendererOptions {
  /** Start with a UTF-8 byte order mark, which Excel needs to read anything but ASCII. Default false. */
  readonly bom?: boolean;
}

/** Text a spreadsheet would run as a formula, or that starts a hidden cell break. */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;
const CRLF = '\r\n';

/**
 * RFC 4180 CSV: the document's tables, each a header line and its rows, with
 * an empty line between tables. Titles, key-value blocks, charts, notes and
 * summary rows are for people and left out; values are machine values (see
 * `CellFormatter.machine`) so the file parses the same in every locale.
 *
 * Text that a spreadsheet would evaluate (`=SUM(A1)`, `-2+3`, `@cmd`) gets a
 * leading `'`; the numbers of numeric columns, negative ones included, do not.
 */
export class CsvRenderer implements ReportRenderer {
  readonly format = 'csv' as const;
  readonly contentType = FORMAT_DETAILS.csv.contentType;
  readonly fileExtension = FORMAT_DETAILS.csv.fileExtension;
  private readonly bom: boolean;

  constructor(options: CsvRendererOptions = {}) {
    this.bom = options.bom ?? false;
  }

  async render(
    document: ReportDocument,
    output: Writable,
    options: RenderOptions = {},
  ): Promise<RenderResult> {
    const flow = new RenderFlow(output, options);
    try {
      const sink = new TextSink(flow);
      if (this.bom) await sink.write('\uFEFF');
      let rowCount = 0;
      const tables = document.sections.filter(
        (section): section is TableSection => section.kind === 'table',
      );
      for (const [index, table] of tables.entries()) {
        if (index > 0) await sink.write(CRLF);
        rowCount += await this.writeTable(table, document, flow, sink);
      }
      await sink.end();
      return { format: this.format, contentType: this.contentType, rowCount };
    } catch (error) {
      throw flow.fail(error);
    }
  }

  private async writeTable(
    table: TableSection,
    document: ReportDocument,
    flow: RenderFlow,
    sink: TextSink,
  ) {
    const formatters = table.columns.map((column) => createCellFormatter(column, document));
    await sink.write(
      table.columns.map((column) => csvField(textCell(column.header))).join(',') + CRLF,
    );
    let rowCount = 0;
    for await (const row of flow.rows(table.rows)) {
      const fields = table.columns.map((column, i) =>
        csvField(machineCell(formatters[i], row[column.key])),
      );
      await sink.write(fields.join(',') + CRLF);
      rowCount++;
    }
    return rowCount;
  }
}

function machineCell(formatter: CellFormatter, value: unknown): string {
  const machine = formatter.machine(value);
  if (machine === null) return '';
  if (typeof machine === 'number') return String(machine);
  // Money arrives as a decimal string; anything else in a numeric column is text that failed to parse.
  if (isNumericType(formatter.type) && isPlainDecimal(machine)) return machine;
  return textCell(machine);
}

function textCell(text: string): string {
  return FORMULA_TRIGGER.test(text) ? `'${text}` : text;
}

function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
