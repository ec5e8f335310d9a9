import type { Writable } from 'node:stream';
import type { ReportDocument } from './report-document.js';
import type { ReportFormat } from './report-format.js';

export interface RenderOptions {
  /**
   * Stops the render: it rejects with `RenderAbortedError`, or
   * `RenderTimeoutError` for `AbortSignal.timeout(ms)`.
   */
  readonly signal?: AbortSignal;
}

export interface RenderResult {
  readonly format: ReportFormat;
  readonly contentType: string;
  /** Table rows rendered, summed over tables; summary rows not included. */
  readonly rowCount: number;
  /** PDF only. */
  readonly pageCount?: number;
  /** XLSX only, including the first sheet with the title and key-value blocks. */
  readonly sheetCount?: number;
}

/**
 * One output format. `render` streams the document into `output`, respecting
 * its back-pressure, ends it and resolves once it has finished. On failure it
 * destroys `output` with the error (as `stream.pipeline` would), so a
 * half-written file is never mistaken for a complete one.
 */
export interface ReportRenderer {
  readonly format: ReportFormat;
  readonly contentType: string;
  readonly fileExtension: string;
  render(
    document: ReportDocument,
    output: Writable,
    options?: RenderOptions,
  ): Promise<RenderResult>;
}
