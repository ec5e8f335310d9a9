const MASK = '[redacted]';
/** Shorter values would mask ordinary words; no real credential is that short. */
const MIN_SECRET_LENGTH = 4;
/**
 * Masks credentials in text that a library or a peer produced (error
 * messages, server replies), in the forms they travel in: as is,
 * percent-encoded (URIs) and base64 (SMTP AUTH LOGIN).
 */
export function redactCredentials(text, secrets) {
    const forms = secrets
        .filter((secret) => secret !== undefined && secret.length >= MIN_SECRET_LENGTH)
        .flatMap((secret) => [
        secret,
        encodeURIComponent(secret),
        Buffer.from(secret).toString('base64'),
    ])
        // Longest first, so a secret that contains another is masked whole.
        .sort((a, b) => b.length - a.length);
    return forms.reduce((redacted, form) => redacted.split(form).join(MASK), text);
}
//# sourceMappingURL=credential-redactor.js.map