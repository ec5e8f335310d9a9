import type { Mailer, OutgoingMail, SendResult } from './mailer.js';

/** Sends nothing: for dry runs, where the caller logs and records what would have gone out. */
export class DryRunMailer implements Mailer {
  async send(mail: OutgoingMail): Promise<SendResult> {
    // A stream attachment would otherwise stay open with nobody reading it.
    for (const { content } of mail.attachments ?? [])
      if (!Buffer.isBuffer(content)) content.destroy();
    return { provider: 'dry-run', attempts: 1 };
  }
}
