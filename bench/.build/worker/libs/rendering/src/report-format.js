export const REPORT_FORMATS = ['pdf', 'xlsx', 'csv', 'html', 'json'];
export const FORMAT_DETAILS = {
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
export function isReportFormat(value) {
    return typeof value === 'string' && REPORT_FORMATS.includes(value);
}
//# sourceMappingURL=report-format.js.map