import { describe, expect, it } from 'vitest';
import { PermanentDeliveryError, TransientDeliveryError } from './delivery.errors.js';
import { classifySendGridResponse } from './sendgrid-failure.js';

const now = Date.parse('2026-12-01T10:00:00Z');
const same = (text: string) => text;

describe('classifySendGridResponse', () => {
  it.each([
    { status: 429, retryAfter: '7', kind: TransientDeliveryError, retryAfterMs: 7000 },
    {
      status: 429,
      retryAfter: 'Tue, 01 Dec 2026 10:00:30 GMT',
      kind: TransientDeliveryError,
      retryAfterMs: 30_000,
    },
    { status: 429, retryAfter: undefined, kind: TransientDeliveryError, retryAfterMs: undefined },
    { status: 500, retryAfter: undefined, kind: TransientDeliveryError, retryAfterMs: undefined },
    { status: 503, retryAfter: '5', kind: TransientDeliveryError, retryAfterMs: undefined },
    { status: 400, retryAfter: undefined, kind: PermanentDeliveryError, retryAfterMs: undefined },
    { status: 401, retryAfter: undefined, kind: PermanentDeliveryError, retryAfterMs: undefined },
    { status: 413, retryAfter: undefined, kind: PermanentDeliveryError, retryAfterMs: undefined },
  ])(
    'classifies $status (Retry-After $retryAfter) as $kind.name',
    async ({ status, retryAfter, kind, retryAfterMs }) => {
      const headers = retryAfter === undefined ? undefined : { 'retry-after': retryAfter };
      const error = await classifySendGridResponse(
        new Response('{}', { status, headers }),
        same,
        now,
      );
      expect(error).toBeInstanceOf(kind);
      expect(error.statusCode).toBe(status);
      expect((error as TransientDeliveryError).retryAfterMs).toBe(retryAfterMs);
    },
  );

  it('joins the API error messages with their fields', async () => {
    const body = JSON.stringify({
      errors: [
        { message: 'Invalid email', field: 'personalizations.0.to' },
        { message: 'Bad subject' },
      ],
    });
    const error = await classifySendGridResponse(new Response(body, { status: 400 }), same, now);
    expect(error.reason).toBe(
      'SendGrid answered 400: Invalid email (personalizations.0.to); Bad subject',
    );
  });

  it('quotes a body that is not the API error format, such as a proxy page', async () => {
    const error = await classifySendGridResponse(
      new Response(' Bad Gateway \n', { status: 502 }),
      same,
      now,
    );
    expect(error.reason).toBe('SendGrid answered 502: Bad Gateway');
  });
});
