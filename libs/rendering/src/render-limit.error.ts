import type { ReportFormat } from './report-format.js';

/**
 * The report is too large for the requested format and always will be: a
 * permanent failure, never worth a retry. `permanent` and `code` let the
 * transport recognise it without this library depending on it.
 */
export class RenderLimitError extends Error {
  override readonly name = 'RenderLimitError';
  readonly permanent = true;
  readonly code = 'RENDER_LIMIT_EXCEEDED';

  constructor(
    readonly format: ReportFormat,
    readonly limit: number,
    /** Formats that can render the report instead. */
    readonly alternatives: readonly ReportFormat[],
  ) {
    super(
      `A ${format.toUpperCase()} report is limited to ${limit.toLocaleString('en-US')} rows and this one has more; ` +
        `request it as ${alternatives.map((alternative) => alternative.toUpperCase()).join(' or ')} instead.`,
    );
  }
}
