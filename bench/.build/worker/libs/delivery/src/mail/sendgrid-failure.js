import { PermanentDeliveryError, TransientDeliveryError, } from './delivery.errors.js';
/** Enough of an error body to explain it; the rest is noise in a log line. */
const MAX_DETAIL_LENGTH = 500;
/**
 * Classifies a SendGrid answer other than success: 429 and 5xx are worth a
 * retry (429 with the wait the API asked for), any other 4xx is not.
 */
export async function classifySendGridResponse(response, redact, now = Date.now()) {
    const detail = errorDetail(await response.text().catch(() => ''));
    const reason = redact(`SendGrid answered ${response.status}${detail ? `: ${detail}` : ''}`);
    if (response.status === 429) {
        return new TransientDeliveryError('sendgrid', reason, 429, retryAfterMs(response.headers.get('retry-after'), now));
    }
    if (response.status >= 500)
        return new TransientDeliveryError('sendgrid', reason, response.status);
    return new PermanentDeliveryError('sendgrid', reason, response.status);
}
/** SendGrid's `{"errors":[{"message","field"}]}` as one line, or the raw body when it is something else. */
function errorDetail(body) {
    try {
        const { errors } = JSON.parse(body);
        if (Array.isArray(errors) && errors.length > 0) {
            return errors
                .map(({ message, field }) => typeof field === 'string' && field ? `${String(message)} (${field})` : String(message))
                .join('; ')
                .slice(0, MAX_DETAIL_LENGTH);
        }
    }
    catch {
        // Not JSON: a proxy's or load balancer's page.
    }
    return body.trim().slice(0, MAX_DETAIL_LENGTH);
}
/** `Retry-After` is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfterMs(header, now) {
    if (header === null)
        return undefined;
    if (/^\d+$/.test(header.trim()))
        return Number(header.trim()) * 1000;
    const date = Date.parse(header);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
//# sourceMappingURL=sendgrid-failure.js.map