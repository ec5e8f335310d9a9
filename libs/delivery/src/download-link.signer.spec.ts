import { describe, expect, it } from 'vitest';
import { DownloadLinkSigner } from './download-link.signer.js';

const now = Date.parse('2026-12-04T10:00:00Z');
const signer = new DownloadLinkSigner(
  () => 'a-long-signing-secret',
  'https://reports.example.com/api',
  3_600_000,
);

function parts(url: string) {
  const parsed = new URL(url);
  return {
    path: parsed.pathname,
    expires: parsed.searchParams.get('expires')!,
    signature: parsed.searchParams.get('signature')!,
  };
}

describe('DownloadLinkSigner', () => {
  it('signs a link under the base URL that checks as valid until it expires', () => {
    const link = signer.sign('run-1', 'pdf', now);
    const { path, expires, signature } = parts(link.url);
    expect(path).toBe('/api/runs/run-1/files/pdf');
    expect(link.expiresAt).toEqual(new Date(now + 3_600_000));
    expect(signer.check('run-1', 'pdf', expires, signature, now)).toBe('valid');
    expect(signer.check('run-1', 'pdf', expires, signature, now + 3_600_001)).toBe('expired');
  });

  it('refuses a link whose run, format, expiry or signature was changed', () => {
    const { expires, signature } = parts(signer.sign('run-1', 'pdf', now).url);
    expect(signer.check('run-2', 'pdf', expires, signature, now)).toBe('invalid');
    expect(signer.check('run-1', 'csv', expires, signature, now)).toBe('invalid');
    expect(signer.check('run-1', 'pdf', String(Number(expires) + 86_400), signature, now)).toBe(
      'invalid',
    );
    expect(signer.check('run-1', 'pdf', expires, `${signature.slice(0, -1)}A`, now)).toBe(
      'invalid',
    );
    expect(signer.check('run-1', 'pdf', undefined, signature, now)).toBe('invalid');
  });

  it('does not accept a lifetime over 7 days', () => {
    expect(() => new DownloadLinkSigner(() => 's', 'http://x', 8 * 86_400_000)).toThrow(RangeError);
  });
});
