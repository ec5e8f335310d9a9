import type { AddressInfo } from 'node:net';
import { buffer } from 'node:stream/consumers';
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  /** The message as received, for saving as an `.eml` file. */
  readonly raw: Buffer;
  readonly parsed: ParsedMail;
  /** Envelope recipients (RCPT TO): who the message was actually sent to. */
  readonly recipients: readonly string[];
}

/**
 * An SMTP server in the demo's process that accepts every message on the
 * loopback interface and keeps it, parsed. No TLS, no authentication: it
 * never leaves the machine.
 */
export class SmtpSink {
  readonly mails: CapturedMail[] = [];
  private server?: SMTPServer;
  private listeners: ((mail: CapturedMail) => void)[] = [];
  port = 0;

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        buffer(stream)
          .then(async (raw) => {
            const mail: CapturedMail = {
              raw,
              parsed: await simpleParser(raw),
              recipients: session.envelope.rcptTo.map((recipient) => recipient.address),
            };
            this.mails.push(mail);
            for (const listener of this.listeners) listener(mail);
            callback();
          })
          .catch((error: unknown) => callback(error as Error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    // Late errors (a client dropping mid-message) must not end the demo.
    server.on('error', () => undefined);
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  onMail(listener: (mail: CapturedMail) => void): void {
    this.listeners.push(listener);
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** `Name <address>, …` of a To or Cc header. */
export function addressText(header: AddressObject | AddressObject[] | undefined): string {
  if (!header) return '';
  return (Array.isArray(header) ? header : [header]).map((entry) => entry.text).join(', ');
}
