/**
 * A source could not be read. `reasons` say why (one per failed path, file
 * or reference) and never contain a secret value; `found` holds what the
 * source did read, used when the source is optional.
 */
export class SecretSourceError extends Error {
    source;
    reasons;
    found;
    name = 'SecretSourceError';
    constructor(source, reasons, found = new Map()) {
        super(`Secret source ${source} failed: ${reasons.join('; ')}`);
        this.source = source;
        this.reasons = reasons;
        this.found = found;
    }
}
/** Variable names a source may define: what a shell accepts. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A low-level failure in a few words: `ECONNREFUSED`, `ENOENT`, or the message. */
export function describeCause(error) {
    if (error instanceof Error) {
        const cause = error.cause;
        const code = error.code ?? cause?.code;
        if (typeof code === 'string')
            return code;
        if (cause instanceof Error && cause.message)
            return cause.message;
        return error.message;
    }
    return String(error);
}
//# sourceMappingURL=secret-source.js.map