import { attachmentBytes } from './attachment-bytes.js';
import { redactCredentials } from './credential-redactor.js';
import { TransientDeliveryError, PermanentDeliveryError } from './delivery.errors.js';
import { parseMailAddress } from './mail-address.js';
import { isNetworkFailure } from './network-failure.js';
import { classifySendGridResponse } from './sendgrid-failure.js';
/** Sends through SendGrid's v3 Mail Send API. */
export class SendGridMailer {
    options;
    endpoint;
    constructor(options) {
        this.options = options;
        this.endpoint = `${(options.baseUrl ?? 'https://api.sendgrid.com').replace(/\/+$/, '')}/v3/mail/send`;
    }
    async send(mail) {
        const apiKey = this.options.apiKey();
        const redact = (text) => redactCredentials(text, [apiKey]);
        const body = JSON.stringify(await requestBody(mail));
        let response;
        try {
            response = await fetch(this.endpoint, {
                method: 'POST',
                headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
                body,
                signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
            });
        }
        catch (error) {
            const reason = redact(`SendGrid unreachable: ${describe(error)}`);
            throw isNetworkFailure(error)
                ? new TransientDeliveryError('sendgrid', reason)
                : new PermanentDeliveryError('sendgrid', reason);
        }
        // SendGrid answers 202 Accepted; sandbox mode answers 200.
        if (!response.ok)
            throw await classifySendGridResponse(response, redact);
        await response.body?.cancel();
        return {
            messageId: response.headers.get('x-message-id') ?? undefined,
            provider: 'sendgrid',
            attempts: 1,
        };
    }
}
async function requestBody(mail) {
    const recipients = (addresses) => addresses.map(parseMailAddress);
    return {
        personalizations: [
            { to: recipients(mail.to), ...(mail.cc?.length && { cc: recipients(mail.cc) }) },
        ],
        from: parseMailAddress(mail.from),
        subject: mail.subject,
        // The API requires text/plain before text/html.
        content: [
            { type: 'text/plain', value: mail.text },
            { type: 'text/html', value: mail.html },
        ],
        ...(mail.attachments?.length && {
            attachments: await Promise.all(mail.attachments.map(async ({ filename, contentType, content }) => ({
                filename,
                type: contentType,
                disposition: 'attachment',
                content: (await attachmentBytes(content)).toString('base64'),
            }))),
        }),
        ...(mail.idempotencyKey !== undefined && {
            headers: { 'X-Idempotency-Key': mail.idempotencyKey },
            custom_args: { idempotency_key: mail.idempotencyKey },
        }),
    };
}
/** fetch hides the socket error in `cause`; both parts say what happened. */
function describe(error) {
    if (!(error instanceof Error))
        return String(error);
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
}
//# sourceMappingURL=sendgrid.mailer.js.map