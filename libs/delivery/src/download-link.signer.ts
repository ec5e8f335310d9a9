import { createHmac, timingSafeEqual } from 'node:crypto';

/** Longest a download link may live: links go out in e-mails and events. */
export const MAX_LINK_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface SignedLink {
  url: string;
  expiresAt: Date;
}

export type LinkCheck = 'valid' | 'expired' | 'invalid';

/**
 * Signed download links for report files: the URL carries its expiry and an
 * HMAC-SHA256 of (run, format, expiry), so it works without an API token,
 * stops working when it expires, and any change to it breaks the signature.
 */
export class DownloadLinkSigner {
  private readonly ttlMs: number;

  constructor(
    private readonly secret: () => string,
    private readonly baseUrl: string,
    ttlMs: number,
  ) {
    if (ttlMs <= 0 || ttlMs > MAX_LINK_TTL_MS) {
      throw new RangeError(
        `download link lifetime must be between 1 ms and 7 days, got ${ttlMs} ms`,
      );
    }
    this.ttlMs = ttlMs;
  }

  sign(runId: string, format: string, now = Date.now()): SignedLink {
    const expires = Math.floor((now + this.ttlMs) / 1000);
    const url = new URL(
      `runs/${encodeURIComponent(runId)}/files/${encodeURIComponent(format)}`,
      withSlash(this.baseUrl),
    );
    url.searchParams.set('expires', String(expires));
    url.searchParams.set('signature', this.signature(runId, format, expires));
    return { url: url.toString(), expiresAt: new Date(expires * 1000) };
  }

  check(
    runId: string,
    format: string,
    expires: unknown,
    signature: unknown,
    now = Date.now(),
  ): LinkCheck {
    if (typeof expires !== 'string' || !/^\d{1,12}$/.test(expires) || typeof signature !== 'string')
      return 'invalid';
    const expected = Buffer.from(this.signature(runId, format, Number(expires)));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    return Number(expires) * 1000 < now ? 'expired' : 'valid';
  }

  private signature(runId: string, format: string, expires: number): string {
    return createHmac('sha256', this.secret())
      .update(`${runId}\n${format}\n${expires}`)
      .digest('base64url');
  }
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
