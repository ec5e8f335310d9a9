import { createTransport } from 'nodemailer';
import { redactCredentials } from './credential-redactor.js';
import { classifySmtpFailure } from './smtp-failure.js';
/** Sends through an SMTP server with nodemailer; one connection per mail. */
export class SmtpMailer {
    options;
    server;
    constructor(options) {
        this.options = options;
        this.server = serverSettings(options);
    }
    async send(mail) {
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
                headers: mail.idempotencyKey === undefined
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
        }
        catch (error) {
            throw classifySmtpFailure(error, (text) => this.redact(text, password));
        }
        finally {
            transport.close();
        }
    }
    transportOptions(password) {
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
    redact(text, password) {
        const { user = '', uriPassword } = this.server;
        // AUTH PLAIN sends user and password together as one base64 token.
        const authPlain = password === undefined ? undefined : `\0${user}\0${password}`;
        return redactCredentials(text, [password, uriPassword, authPlain, this.options.uri]);
    }
}
function serverSettings(options) {
    const uri = options.uri === undefined ? undefined : parseUri(options.uri);
    if (uri && uri.protocol !== 'smtp:' && uri.protocol !== 'smtps:') {
        throw new TypeError(`SMTP URI must start with smtp:// or smtps://, got ${uri.protocol}//`);
    }
    const host = options.host ?? uri?.hostname;
    if (!host)
        throw new TypeError('SMTP server not configured: give a uri or a host');
    const secure = options.secure ?? uri?.protocol === 'smtps:';
    const port = options.port ?? (uri?.port ? Number(uri.port) : secure ? 465 : 587);
    const user = options.user ?? (uri?.username ? decodeURIComponent(uri.username) : undefined);
    const uriPassword = uri?.password ? decodeURIComponent(uri.password) : undefined;
    return { host, port, secure, user, uriPassword };
}
/** Node's own error would carry the whole URI, password included, as `input`. */
function parseUri(uri) {
    try {
        return new URL(uri);
    }
    catch {
        throw new TypeError('SMTP URI is not a valid URL');
    }
}
//# sourceMappingURL=smtp.mailer.js.map