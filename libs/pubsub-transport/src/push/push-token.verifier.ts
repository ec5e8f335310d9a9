import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { Defaults } from '../pubsub.constants.js';

export interface PushAuthOptions {
  /** Expected `aud` claim: the audience set on the push subscription (often the endpoint URL). */
  audience: string | string[];
  /** Service-account e-mails allowed to push; the token's verified `email` must be one. Default: any. */
  serviceAccountEmails?: string[];
  /** Accepted `iss` values. Default: Google's (`https://accounts.google.com`, `accounts.google.com`). */
  issuers?: string[];
  /** Where the signing keys are published (JWKS). Default: Google's OAuth2 v3 certs. */
  jwksUrl?: string;
  /** Allowed clock skew, in seconds. Default: 30. */
  clockToleranceSeconds?: number;
}

/** The request's bearer token was missing or not acceptable: answered 401. */
export class PushAuthenticationError extends Error {
  override readonly name = 'PushAuthenticationError';
}

/**
 * Verifies the OIDC token Pub/Sub attaches to push requests: RS256 signature
 * against the published keys, issuer, audience, expiry, and the
 * service-account allow-list.
 */
export class PushTokenVerifier {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly options: PushAuthOptions) {
    this.keys = createRemoteJWKSet(new URL(options.jwksUrl ?? Defaults.PUSH_JWKS_URL));
  }

  async verify(authorization: string | undefined): Promise<JWTPayload> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new PushAuthenticationError('Missing bearer token');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        algorithms: ['RS256'],
        issuer: this.options.issuers ?? [...Defaults.PUSH_ISSUERS],
        audience: this.options.audience,
        clockTolerance: this.options.clockToleranceSeconds ?? 30,
        requiredClaims: ['exp', 'iat'],
      }));
    } catch (error) {
      throw new PushAuthenticationError(`Invalid push token: ${explain(error)}`, { cause: error });
    }
    const allowed = this.options.serviceAccountEmails;
    if (allowed?.length) {
      const email = typeof payload.email === 'string' ? payload.email : undefined;
      if (!email || payload.email_verified !== true || !allowed.includes(email)) {
        throw new PushAuthenticationError(
          `Push token's service account ${email ?? '(none)'} is not allowed`,
        );
      }
    }
    return payload;
  }
}

function explain(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `${error.claim} claim rejected`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'bad signature';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'signed by an unknown key';
  return error instanceof Error ? error.message : String(error);
}
