export {
  createCellFormatter,
  type CellFormatter,
  type FormatSettings,
  type MachineValue,
  type SpreadsheetValue,
} from './cell-formatter.js';
export { CsvRenderer, type CsvRendererOptions } from './csv/csv.renderer.js';
export { HtmlRenderer } from './html/html.renderer.js';
export { NdjsonRenderer } from './json/ndjson.renderer.js';
export type { PdfFonts, FontSource } from './pdf/pdf-fonts.js';
export { PdfRenderer, type PdfRendererOptions } from './pdf/pdf.renderer.js';
export { RenderAbortedError, RenderTimeoutError } from './render-aborted.error.js';
export { RenderLimitError } from './render-limit.error.js';
export {
  RendererRegistry,
  rendererFor,
  renderReport,
  type RendererRegistryOptions,
} from './renderer.registry.js';
export type {
  Alignment,
  ChartBar,
  ChartSection,
  ColumnType,
  KeyValueEntry,
  KeyValueSection,
  NotesSection,
  ReportColumn,
  ReportDocument,
  ReportSection,
  Row,
  RowSource,
  TableSection,
  ValueSpec,
} from './report-document.js';
export {
  FORMAT_DETAILS,
  REPORT_FORMATS,
  isReportFormat,
  type FormatDetails,
  type ReportFormat,
} from './report-format.js';
export type { RenderOptions, RenderResult, ReportRenderer } from './report-renderer.js';
export { XlsxRenderer, type XlsxRendererOptions } from './xlsx/xlsx.renderer.js';
