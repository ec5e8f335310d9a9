import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import { Defaults } from '../pubsub.constants.js';
/** The request's bearer token was missing or not acceptable: answered 401. */
export class PushAuthenticationError extends Error {
    name = 'PushAuthenticationError';
}
/**
 * Verifies the OIDC token Pub/Sub attaches to push requests: RS256 signature
 * against the published keys, issuer, audience, expiry, and the
 * service-account allow-list.
 */
export class PushTokenVerifier {
    options;
    keys;
    constructor(options) {
        this.options = options;
        this.keys = createRemoteJWKSet(new URL(options.jwksUrl ?? Defaults.PUSH_JWKS_URL));
    }
    async verify(authorization) {
        const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
        if (!token)
            throw new PushAuthenticationError('Missing bearer token');
        let payload;
        try {
            ({ payload } = await jwtVerify(token, this.keys, {
                algorithms: ['RS256'],
                issuer: this.options.issuers ?? [...Defaults.PUSH_ISSUERS],
                audience: this.options.audience,
                clockTolerance: this.options.clockToleranceSeconds ?? 30,
                requiredClaims: ['exp', 'iat'],
            }));
        }
        catch (error) {
            throw new PushAuthenticationError(`Invalid push token: ${explain(error)}`, { cause: error });
        }
        const allowed = this.options.serviceAccountEmails;
        if (allowed?.length) {
            const email = typeof payload.email === 'string' ? payload.email : undefined;
            if (!email || payload.email_verified !== true || !allowed.includes(email)) {
                throw new PushAuthenticationError(`Push token's service account ${email ?? '(none)'} is not allowed`);
            }
        }
        return payload;
    }
}
function explain(error) {
    if (error instanceof joseErrors.JWTExpired)
        return 'expired';
    if (error instanceof joseErrors.JWTClaimValidationFailed)
        return `${error.claim} claim rejected`;
    if (error instanceof joseErrors.JWSSignatureVerificationFailed)
        return 'bad signature';
    if (error instanceof joseErrors.JWKSNoMatchingKey)
        return 'signed by an unknown key';
    return error instanceof Error ? error.message : String(error);
}
//# sourceMappingURL=push-token.verifier.js.map