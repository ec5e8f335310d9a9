export {
  DownloadLinkSigner,
  type LinkCheck,
  MAX_LINK_TTL_MS,
  type SignedLink,
} from './download-link.signer.js';
export {
  DeliveryError,
  PermanentDeliveryError,
  TransientDeliveryError,
} from './mail/delivery.errors.js';
export { DryRunMailer } from './mail/dry-run.mailer.js';
export type { MailAttachment, Mailer, OutgoingMail, SendResult } from './mail/mailer.js';
export { RetryingMailer, type RetryOptions, withRetry } from './mail/retrying.mailer.js';
export { SendGridMailer, type SendGridMailerOptions } from './mail/sendgrid.mailer.js';
export { SmtpMailer, type SmtpMailerOptions } from './mail/smtp.mailer.js';
