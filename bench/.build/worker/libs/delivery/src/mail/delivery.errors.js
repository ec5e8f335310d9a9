/** A failed send. `reason` (also the message) never contains a credential. */
export class DeliveryError extends Error {
    provider;
    reason;
    statusCode;
    /** Sends tried before giving up; `withRetry` raises it from 1. */
    attempts = 1;
    constructor(provider, reason, 
    /** The SMTP reply code or HTTP status, when the peer answered. */
    statusCode) {
        super(reason);
        this.provider = provider;
        this.reason = reason;
        this.statusCode = statusCode;
    }
}
/** Worth another try later: the peer was unreachable, busy or rate-limited us. */
export class TransientDeliveryError extends DeliveryError {
    retryAfterMs;
    name = 'TransientDeliveryError';
    constructor(provider, reason, statusCode, 
    /** How long the peer asked us to wait (HTTP `Retry-After`). */
    retryAfterMs) {
        super(provider, reason, statusCode);
        this.retryAfterMs = retryAfterMs;
    }
}
/**
 * No retry can fix it: the peer refused the message, a recipient or our
 * credentials. `permanent` and `code` let the transport recognise it (no
 * retry, dead-letter) without this library depending on it.
 */
export class PermanentDeliveryError extends DeliveryError {
    name = 'PermanentDeliveryError';
    permanent = true;
    code = 'MAIL_REJECTED';
}
//# sourceMappingURL=delivery.errors.js.map