import type { Writable } from 'node:stream';
import { chartScale } from '../chart-scale.js';
import { createCellFormatter, isNumericType } from '../cell-formatter.js';
import { RenderFlow } from '../render-flow.js';
import type {
  Alignment,
  ChartSection,
  KeyValueSection,
  NotesSection,
  ReportColumn,
  ReportDocument,
  Row,
  TableSection,
} from '../report-document.js';
import { FORMAT_DETAILS } from '../report-format.js';
import type { RenderOptions, RenderResult, ReportRenderer } from '../report-renderer.js';
import { TextSink } from '../text-sink.js';
import { barChartSvg } from './bar-chart-svg.js';
import { escapeHtml } from './html-escape.js';

/** Print-friendly: table headers repeat on every printed page, rows do not split. */
const STYLE = `
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 10pt; color: #222; margin: 2em; }
h1 { font-size: 18pt; margin: 0 0 0.2em; }
h2 { font-size: 12pt; margin: 1.5em 0 0.5em; }
.subtitle { color: #555; margin: 0 0 1em; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 2px 6px; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; white-space: pre-line; }
thead th { background: #eee; border-bottom: 2px solid #999; }
table.key-values { width: auto; }
table.key-values th { font-weight: normal; color: #555; padding-right: 2em; }
.right { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.center { text-align: center; }
tbody.summary td { font-weight: bold; border-top: 2px solid #999; }
svg.chart { width: 100%; max-width: 720px; height: auto; }
svg.chart .grid { stroke: #e5e5e5; }
svg.chart .axis { stroke: #666; }
svg.chart .positive { fill: #4472c4; }
svg.chart .negative { fill: #c0504d; }
@page { size: A4; margin: 15mm; }
@media print {
  body { margin: 0; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  svg.chart { break-inside: avoid; }
}`;

/** A standalone HTML page, streamed row by row; every text is escaped. */
export class HtmlRenderer implements ReportRenderer {
  readonly format = 'html' as const;
  readonly contentType = FORMAT_DETAILS.html.contentType;
  readonly fileExtension = FORMAT_DETAILS.html.fileExtension;

  async render(
    document: ReportDocument,
    output: Writable,
    options: RenderOptions = {},
  ): Promise<RenderResult> {
    const flow = new RenderFlow(output, options);
    try {
      const sink = new TextSink(flow);
      const title = escapeHtml(document.title);
      await sink.write(
        `<!DOCTYPE html>\n<html lang="${escapeHtml(document.locale)}">\n<head>\n<meta charset="utf-8">\n` +
          `<title>${title}</title>\n<style>${STYLE}\n</style>\n</head>\n<body>\n<header>\n<h1>${title}</h1>\n` +
          (document.subtitle ? `<p class="subtitle">${escapeHtml(document.subtitle)}</p>\n` : '') +
          '</header>\n',
      );
      let rowCount = 0;
      for (const section of document.sections) {
        await sink.write(`<section class="${section.kind}">\n`);
        if (section.title) await sink.write(`<h2>${escapeHtml(section.title)}</h2>\n`);
        switch (section.kind) {
          case 'keyValue':
            await sink.write(keyValueHtml(section, document));
            break;
          case 'chart':
            await sink.write(chartHtml(section, document));
            break;
          case 'notes':
            await sink.write(notesHtml(section));
            break;
          case 'table':
            rowCount += await writeTable(section, document, flow, sink);
            break;
        }
        await sink.write('</section>\n');
      }
      await sink.write('</body>\n</html>\n');
      await sink.end();
      return { format: this.format, contentType: this.contentType, rowCount };
    } catch (error) {
      throw flow.fail(error);
    }
  }
}

async function writeTable(
  table: TableSection,
  document: ReportDocument,
  flow: RenderFlow,
  sink: TextSink,
) {
  const cells = table.columns.map((column) => {
    const formatter = createCellFormatter(column, document);
    const open = `<td${alignClass(column)}>`;
    return (row: Row) => `${open}${escapeHtml(formatter.text(row[column.key]))}</td>`;
  });
  const toHtml = (row: Row) => `<tr>${cells.map((cell) => cell(row)).join('')}</tr>\n`;

  const headers = table.columns.map(
    (column) => `<th scope="col"${alignClass(column)}>${escapeHtml(column.header)}</th>`,
  );
  await sink.write(`<table class="data">\n<thead><tr>${headers.join('')}</tr></thead>\n<tbody>\n`);
  let rowCount = 0;
  for await (const row of flow.rows(table.rows)) {
    await sink.write(toHtml(row));
    rowCount++;
  }
  await sink.write('</tbody>\n');
  if (table.summary?.length) {
    await sink.write(`<tbody class="summary">\n${table.summary.map(toHtml).join('')}</tbody>\n`);
  }
  await sink.write('</table>\n');
  return rowCount;
}

function keyValueHtml(section: KeyValueSection, document: ReportDocument): string {
  const rows = section.entries.map(({ label, value, type = 'text', decimals }) => {
    const text = createCellFormatter({ type, decimals }, document).text(value);
    const align = isNumericType(type) ? ' class="right"' : '';
    return `<tr><th scope="row">${escapeHtml(label)}</th><td${align}>${escapeHtml(text)}</td></tr>\n`;
  });
  return `<table class="key-values">\n<tbody>\n${rows.join('')}</tbody>\n</table>\n`;
}

function chartHtml(section: ChartSection, document: ReportDocument): string {
  return `${barChartSvg(chartScale(section, document), section.title ?? document.title)}\n`;
}

function notesHtml(section: NotesSection): string {
  return section.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>\n`).join('');
}

function alignClass(column: ReportColumn): string {
  const align: Alignment = column.align ?? (isNumericType(column.type) ? 'right' : 'left');
  return align === 'left' ? '' : ` class="${align}"`;
}
