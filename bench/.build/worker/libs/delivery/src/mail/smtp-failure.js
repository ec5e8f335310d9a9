import { PermanentDeliveryError, TransientDeliveryError, } from './delivery.errors.js';
import { isNetworkFailure } from './network-failure.js';
/**
 * Classifies a nodemailer failure. A reply code decides when the server gave
 * one (RFC 5321: 4xx transient, 5xx permanent); otherwise network trouble is
 * transient and the rest (TLS refused, bad envelope, unreadable attachment)
 * would fail the same way again.
 */
export function classifySmtpFailure(error, redact) {
    const { code, responseCode, message } = error;
    const reason = redact(`${typeof code === 'string' ? `${code}: ` : ''}${String(message ?? error)}`);
    const replyCode = typeof responseCode === 'number' ? responseCode : undefined;
    if (replyCode !== undefined && replyCode >= 400 && replyCode < 500) {
        return new TransientDeliveryError('smtp', reason, replyCode);
    }
    if (replyCode !== undefined && replyCode >= 500)
        return new PermanentDeliveryError('smtp', reason, replyCode);
    if (isNetworkFailure(error))
        return new TransientDeliveryError('smtp', reason);
    return new PermanentDeliveryError('smtp', reason);
}
//# sourceMappingURL=smtp-failure.js.map