import { createTransport } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { redactCredentials } from './credential-redactor.js';
import type { Mailer, OutgoingMail, SendResult } from './mailer.js';
import { classifySmtpFailure } from './smtp-failure.js';

export interface SmtpMailerOptions {
  /**
   * The server as `smtp://user:password@host:port` (plain, STARTTLS when
   * offered) or `smtps://…` (implicit TLS). The explicit options below win
   * over its parts.
   */
  uri?: string;
  host?: string;
  /** Default: 465 with `secure`, else 587. */
  port?: number;
  /** Implicit TLS from the first byte (port 465). Default: false, true for `smtps://`. */
  secure?: boolean;
  /** Refuse to send unless STARTTLS upgrades the connection. Default: false. */
  requireTls?: boolean;
  user?: string;
  /** Read at every send, so a rotated secret is picked up without a restart. */
  password?: () => string | undefined;
  /** Limit for connecting and for the server's greeting, in ms. Default: 10 000. */
  connectionTimeoutMs?: number;
  /** Limit for silence from the server later in the session, in ms. Default: 60 000. */
  socketTimeoutMs?: number;
}

interface ServerSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  uriPassword?: string;
}

/** Sends through an SMTP server with nodemailer; one connection per mail. */
export class SmtpMailer implements Mailer {
  private readonly server: ServerSettings;

  constructor(private readonly options: SmtpMailerOptions) {
    this.server = serverSettings(options);
  }

  async send(mail: OutgoingMail): Promise<SendResult> {
    const password = this.options.password?.() ?? this.server.uriPassword;
    // A fresh transport per mail: it reads the current password, and a
    // report run sends far too few mails for pooling to matter.
    const transport = createTransport(this.transportOptions(password));
    try {
      const info = await transport.sendMail({
        from: mail.from,
        to: mail.to,
        cc: mail.cc,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        attachments: mail.attachments?.map(({ filename, contentType, content }) => ({
          filename,
          contentType,
          content,
        })),
        headers:
          mail.idempotencyKey === undefined
            ? undefined
            : { 'X-Idempotency-Key': mail.idempotencyKey },
      });
      const rejected = info.rejected.map(String);
      return {
        messageId: info.messageId,
        provider: 'smtp',
        attempts: 1,
        ...(rejected.length > 0 && { rejected }),
      };
    } catch (error) {
      throw classifySmtpFailure(error, (text) => this.redact(text, password));
    } finally {
      transport.close();
    }
  }

  private transportOptions(password: string | undefined): SMTPTransport.Options {
    const { host, port, secure, user } = this.server;
    const connectionTimeout = this.options.connectionTimeoutMs ?? 10_000;
    return {
      host,
      port,
      secure,
      requireTLS: this.options.requireTls ?? false,
      auth: user === undefined ? undefined : { user, pass: password },
      connectionTimeout,
      greetingTimeout: connectionTimeout,
      socketTimeout: this.options.socketTimeoutMs ?? 60_000,
    };
  }

  private redact(text: string, password: string | undefined): string {
    const { user = '', uriPassword } = this.server;
    // AUTH PLAIN sends user and password together as one base64 token.
    const authPlain = password === undefined ? undefined : `\0${user}\0${password}`;
    return redactCredentials(text, [password, uriPassword, authPlain, this.options.uri]);
  }
}

function serverSettings(options: SmtpMailerOptions): ServerSettings {
  const uri = options.uri === undefined ? undefined : parseUri(options.uri);
  if (uri && uri.protocol !== 'smtp:' && uri.protocol !== 'smtps:') {
    throw new TypeError(`SMTP URI must start with smtp:// or smtps://, got ${uri.protocol}//`);
  }
  const host = options.host ?? uri?.hostname;
  if (!host) throw new TypeError('SMTP server not configured: give a uri or a host');
  const secure = options.secure ?? uri?.protocol === 'smtps:';
  const port = options.port ?? (uri?.port ? Number(uri.port) : secure ? 465 : 587);
  const user = options.user ?? (uri?.username ? decodeURIComponent(uri.username) : undefined);
  const uriPassword = uri?.password ? decodeURIComponent(uri.password) : undefined;
  return { host, port, secure, user, uriPassword };
}

/** Node's own error would carry the whole URI, password included, as `input`. */
function parseUri(uri: string): URL {
  try {
    return new URL(uri);
  } catch {
    throw new TypeError('SMTP URI is not a valid URL');
  }
}
