/** Sends nothing: for dry runs, where the caller logs and records what would have gone out. */
export class DryRunMailer {
    async send(mail) {
        // A stream attachment would otherwise stay open with nobody reading it.
        for (const { content } of mail.attachments ?? [])
            if (!Buffer.isBuffer(content))
                content.destroy();
        return { provider: 'dry-run', attempts: 1 };
    }
}
//# sourceMappingURL=dry-run.mailer.js.map