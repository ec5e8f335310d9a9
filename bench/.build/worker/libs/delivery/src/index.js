export { DownloadLinkSigner, MAX_LINK_TTL_MS } from './download-link.signer.js';
export { DeliveryError, PermanentDeliveryError, TransientDeliveryError } from './mail/delivery.errors.js';
export { DryRunMailer } from './mail/dry-run.mailer.js';
export { RetryingMailer, withRetry } from './mail/retrying.mailer.js';
export { SendGridMailer } from './mail/sendgrid.mailer.js';
export { SmtpMailer } from './mail/smtp.mailer.js';
//# sourceMappingURL=index.js.map