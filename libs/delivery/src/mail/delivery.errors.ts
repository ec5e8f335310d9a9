import type { SendResult } from './mailer.js';

type Provider = Exclude<SendResult['provider'], 'dry-run'>;

/** A failed send. `reason` (also the message) never contains a credential. */
export abstract class DeliveryError extends Error {
  /** Sends tried before giving up; `withRetry` raises it from 1. */
  attempts = 1;

  constructor(
    readonly provider: Provider,
    readonly reason: string,
    /** The SMTP reply code or HTTP status, when the peer answered. */
    readonly statusCode?: number,
  ) {
    super(reason);
  }
}

/** Worth another try later: the peer was unreachable, busy or rate-limited us. */
export class TransientDeliveryError extends DeliveryError {
  override readonly name = 'TransientDeliveryError';

  constructor(
    provider: Provider,
    reason: string,
    statusCode?: number,
    /** How long the peer asked us to wait (HTTP `Retry-After`). */
    readonly retryAfterMs?: number,
  ) {
    super(provider, reason, statusCode);
  }
}

/**
 * No retry can fix it: the peer refused the message, a recipient or our
 * credentials. `permanent` and `code` let the transport recognise it (no
 * retry, dead-letter) without this library depending on it.
 */
export class PermanentDeliveryError extends DeliveryError {
  override readonly name = 'PermanentDeliveryError';
  readonly permanent = true;
  readonly code = 'MAIL_REJECTED';
}
