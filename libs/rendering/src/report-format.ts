export const REPORT_FORMATS = ['pdf', 'xlsx', 'csv', 'html', 'json'] as const;

export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface FormatDetails {
  /** The `Content-Type` of the rendered file. */
  readonly contentType: string;
  /** Without the dot. `json` output is NDJSON, hence `ndjson`. */
  readonly fileExtension: string;
}

export const FORMAT_DETAILS: Readonly<Record<ReportFormat, FormatDetails>> = {
  pdf: { contentType: 'application/pdf', fileExtension: 'pdf' },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileExtension: 'xlsx',
  },
  csv: { contentType: 'text/csv; charset=utf-8', fileExtension: 'csv' },
  html: { contentType: 'text/html; charset=utf-8', fileExtension: 'html' },
  json: { contentType: 'application/x-ndjson', fileExtension: 'ndjson' },
};

/** For validating a requested format before anything is rendered. */
export function isReportFormat(value: unknown): value is ReportFormat {
  return typeof value === 'string' && (REPORT_FORMATS as readonly string[]).includes(value);
}
