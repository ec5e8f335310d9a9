import { RpcException } from '@nestjs/microservices';
/**
 * A failure that no retry can fix: invalid payload, unknown definition, a
 * report that can never render. The transport dead-letters the message with
 * the reason and acks it instead of retrying. Any other error is retryable.
 *
 * It extends `RpcException` because Nest's exception filter replaces every
 * other error with "Internal server error" before the transport sees it;
 * an `RpcException` keeps its payload, which carries `permanent: true`.
 */
export class PermanentError extends RpcException {
    code;
    name = 'PermanentError';
    constructor(message, code = 'PERMANENT_FAILURE', options) {
        super({ status: 'error', permanent: true, code, message });
        this.code = code;
        this.message = message;
        if (options?.cause !== undefined)
            this.cause = options.cause;
    }
}
/** True for a `PermanentError` and for what Nest's filter made of one. */
export function isPermanentFailure(error) {
    if (error instanceof PermanentError)
        return true;
    return typeof error === 'object' && error !== null && error.permanent === true;
}
/** A readable one-line reason for any failure value, for logs and the `x-error` attribute. */
export function describeFailure(error) {
    if (error instanceof PermanentError)
        return `${error.code}: ${error.message}`;
    if (error instanceof Error)
        return error.message;
    if (typeof error === 'object' && error !== null) {
        const { message, code } = error;
        if (typeof message === 'string')
            return typeof code === 'string' ? `${code}: ${message}` : message;
    }
    return String(error);
}
/**
 * A `ValidationPipe` `exceptionFactory` that makes an invalid payload a
 * permanent failure (dead-lettered with the list of problems) rather than a
 * retried one: `new ValidationPipe({ exceptionFactory: invalidPayload })`.
 */
export function invalidPayload(errors) {
    const problems = flattenValidationErrors(errors);
    return new PermanentError(`Invalid payload: ${problems.join('; ')}`, 'INVALID_PAYLOAD');
}
function flattenValidationErrors(errors, path = '') {
    return errors.flatMap((error) => {
        const at = path ? `${path}.${error.property}` : error.property;
        const own = Object.values(error.constraints ?? {}).map((text) => text.startsWith(error.property) && path ? `${path}.${text}` : text);
        return [...own, ...flattenValidationErrors((error.children ?? []), at)];
    });
}
//# sourceMappingURL=permanent.error.js.map