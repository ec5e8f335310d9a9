import type { Writable } from 'node:stream';
import { createCellFormatter, type CellFormatter, type MachineValue } from '../cell-formatter.js';
import { RenderFlow } from '../render-flow.js';
import type { ReportDocument, ReportSection, Row, TableSection } from '../report-document.js';
import { FORMAT_DETAILS } from '../report-format.js';
import type { RenderOptions, RenderResult, ReportRenderer } from '../report-renderer.js';
import { TextSink } from '../text-sink.js';

/**
 * NDJSON, one JSON object a line, each with a `type`:
 *
 * 1. `header`: the whole document but the rows: title, subtitle, locale,
 *    time zone, currency and `sections` in order; a table section lists its
 *    columns.
 * 2. `row`: `{ type, section, values }` for every row of every table, where
 *    `section` is the table's index in `sections` and `values` maps column
 *    keys to machine values (see `CellFormatter.machine`).
 * 3. `summary`: the same shape, for a table's summary rows, after its rows.
 * 4. `end`: `{ type, rowCount }`, last; a file without it is incomplete.
 */
export class NdjsonRenderer implements ReportRenderer {
  readonly format = 'json' as const;
  readonly contentType = FORMAT_DETAILS.json.contentType;
  readonly fileExtension = FORMAT_DETAILS.json.fileExtension;

  async render(
    document: ReportDocument,
    output: Writable,
    options: RenderOptions = {},
  ): Promise<RenderResult> {
    const flow = new RenderFlow(output, options);
    try {
      const sink = new TextSink(flow);
      await sink.write(line(headerLine(document)));
      let rowCount = 0;
      for (const [section, table] of document.sections.entries()) {
        if (table.kind !== 'table') continue;
        const values = rowEncoder(table, document);
        for await (const row of flow.rows(table.rows)) {
          await sink.write(line({ type: 'row', section, values: values(row) }));
          rowCount++;
        }
        for (const row of table.summary ?? []) {
          await sink.write(line({ type: 'summary', section, values: values(row) }));
        }
      }
      await sink.write(line({ type: 'end', rowCount }));
      await sink.end();
      return { format: this.format, contentType: this.contentType, rowCount };
    } catch (error) {
      throw flow.fail(error);
    }
  }
}

function line(value: object): string {
  return `${JSON.stringify(value)}\n`;
}

function headerLine(document: ReportDocument): object {
  const { title, subtitle, locale, timeZone, currency } = document;
  return {
    type: 'header',
    title,
    subtitle: subtitle ?? null,
    locale,
    timeZone,
    currency,
    sections: document.sections.map((section) => describeSection(section, document)),
  };
}

function describeSection(section: ReportSection, document: ReportDocument): object {
  const title = section.title ?? null;
  switch (section.kind) {
    case 'keyValue':
      return {
        kind: section.kind,
        title,
        entries: section.entries.map(({ label, value, type = 'text', decimals }) => ({
          label,
          type,
          value: createCellFormatter({ type, decimals }, document).machine(value),
        })),
      };
    case 'table':
      return {
        kind: section.kind,
        title,
        columns: section.columns.map(({ key, header, type }) => ({ key, header, type })),
      };
    case 'chart': {
      const valueType = section.valueType ?? 'number';
      const formatter = createCellFormatter({ type: valueType }, document);
      return {
        kind: section.kind,
        title,
        valueType,
        bars: section.bars.map(({ label, value }) => ({ label, value: formatter.machine(value) })),
      };
    }
    case 'notes':
      return { kind: section.kind, title, paragraphs: section.paragraphs };
  }
}

function rowEncoder(
  table: TableSection,
  document: ReportDocument,
): (row: Row) => Record<string, MachineValue> {
  const columns = table.columns.map((column): [string, CellFormatter] => [
    column.key,
    createCellFormatter(column, document),
  ]);
  return (row) => {
    const values: Record<string, MachineValue> = {};
    for (const [key, formatter] of columns) values[key] = formatter.machine(row[key]);
    return values;
  };
}
