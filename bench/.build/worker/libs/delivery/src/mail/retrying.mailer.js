import { setTimeout as delay } from 'node:timers/promises';
import { attachmentBytes } from './attachment-bytes.js';
import { DeliveryError, TransientDeliveryError } from './delivery.errors.js';
/** Wraps a mailer so that transient failures are retried: `withRetry(new SmtpMailer(…))`. */
export function withRetry(mailer, options = {}) {
    return new RetryingMailer(mailer, options);
}
/**
 * Retries transient failures with exponential backoff and full jitter (a
 * random wait up to the ceiling, so many senders do not retry in step),
 * waits what a 429 asked for, and stops at once on a permanent failure. The
 * error that finally goes up carries the number of attempts.
 */
export class RetryingMailer {
    mailer;
    attempts;
    baseDelayMs;
    maxDelayMs;
    sleep;
    constructor(mailer, options = {}) {
        this.mailer = mailer;
        this.attempts = options.attempts ?? 5;
        if (!Number.isInteger(this.attempts) || this.attempts < 1) {
            throw new RangeError(`attempts must be a whole number of at least 1, got ${this.attempts}`);
        }
        this.baseDelayMs = options.baseDelayMs ?? 500;
        this.maxDelayMs = options.maxDelayMs ?? 30_000;
        this.sleep = options.sleep ?? ((ms) => delay(ms));
    }
    async send(mail) {
        const replayable = await withBufferedAttachments(mail);
        for (let attempt = 1;; attempt++) {
            try {
                return { ...(await this.mailer.send(replayable)), attempts: attempt };
            }
            catch (error) {
                if (error instanceof DeliveryError)
                    error.attempts = attempt;
                if (!(error instanceof TransientDeliveryError) || attempt >= this.attempts)
                    throw error;
                const wait = this.waitAfter(attempt, error);
                if (wait === undefined)
                    throw error;
                await this.sleep(wait);
            }
        }
    }
    /** `undefined` when the peer asked for a longer wait than we hold a worker for: better redelivered later. */
    waitAfter(attempt, error) {
        if (error.retryAfterMs !== undefined)
            return error.retryAfterMs <= this.maxDelayMs ? error.retryAfterMs : undefined;
        const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
        return Math.random() * ceiling;
    }
}
/**
 * A stream can be read only once, and a retry must send the same bytes
 * again, so stream attachments are read into memory before the first
 * attempt. Mail providers cap a message at some tens of MB anyway.
 */
async function withBufferedAttachments(mail) {
    if (!mail.attachments?.some(({ content }) => !Buffer.isBuffer(content)))
        return mail;
    const attachments = await Promise.all(mail.attachments.map(async (attachment) => ({
        ...attachment,
        content: await attachmentBytes(attachment.content),
    })));
    return { ...mail, attachments };
}
//# sourceMappingURL=retrying.mailer.js.map