export { createCellFormatter } from './cell-formatter.js';
export { CsvRenderer } from './csv/csv.renderer.js';
export { HtmlRenderer } from './html/html.renderer.js';
export { NdjsonRenderer } from './json/ndjson.renderer.js';
export { PdfRenderer } from './pdf/pdf.renderer.js';
export { RenderAbortedError, RenderTimeoutError } from './render-aborted.error.js';
export { RenderLimitError } from './render-limit.error.js';
export { RendererRegistry, rendererFor, renderReport } from './renderer.registry.js';
export { FORMAT_DETAILS, REPORT_FORMATS, isReportFormat } from './report-format.js';
export { XlsxRenderer } from './xlsx/xlsx.renderer.js';
//# sourceMappingURL=index.js.map