import type { Readable } from 'node:stream';

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** A stream is read once; `withRetry` buffers it first so a retry can send it again. */
  content: Buffer | Readable;
}

export interface OutgoingMail {
  /** An address, optionally with a display name: `Reports <reports@example.com>`. */
  from: string;
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
  /**
   * Stable key of the effect this mail belongs to (e.g. follower and period).
   * Sent along (SMTP: an `X-Idempotency-Key` header; SendGrid: that header
   * and an `idempotency_key` custom arg) so a duplicate that slipped through
   * can be traced. Not the Message-ID: some receivers drop a message whose
   * Message-ID they have seen, which would swallow a deliberate re-send.
   */
  idempotencyKey?: string;
}

export interface SendResult {
  /** The provider's id for the message, when it gives one. */
  messageId?: string;
  provider: 'smtp' | 'sendgrid' | 'dry-run';
  /** Sends tried, including the successful one. */
  attempts: number;
  /** Recipients the SMTP server refused while it accepted the message for the others. */
  rejected?: string[];
}

/**
 * Sends one e-mail. Every failure to deliver is a `TransientDeliveryError`
 * (worth a retry) or a `PermanentDeliveryError` (never is), with a reason
 * free of credentials. An attachment stream that fails to read throws its
 * own error.
 */
export interface Mailer {
  send(mail: OutgoingMail): Promise<SendResult>;
}
