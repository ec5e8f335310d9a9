/**
 * The report is too large for the requested format and always will be: a
 * permanent failure, never worth a retry. `permanent` and `code` let the
 * transport recognise it without this library depending on it.
 */
export class RenderLimitError extends Error {
    format;
    limit;
    alternatives;
    name = 'RenderLimitError';
    permanent = true;
    code = 'RENDER_LIMIT_EXCEEDED';
    constructor(format, limit, 
    /** Formats that can render the report instead. */
    alternatives) {
        super(`A ${format.toUpperCase()} report is limited to ${limit.toLocaleString('en-US')} rows and this one has more; ` +
            `request it as ${alternatives.map((alternative) => alternative.toUpperCase()).join(' or ')} instead.`);
        this.format = format;
        this.limit = limit;
        this.alternatives = alternatives;
    }
}
//# sourceMappingURL=render-limit.error.js.map