import { describe, expect, it } from 'vitest';
import { MalformedEnvelopeError, parsePushEnvelope } from './push-envelope.js';

const base64 = (text: string) => Buffer.from(text).toString('base64');

describe('parsePushEnvelope', () => {
  it('reads a full Pub/Sub push envelope', () => {
    const message = parsePushEnvelope(
      {
        message: {
          data: base64('{"a":1}'),
          attributes: { pattern: 'x' },
          messageId: '42',
          publishTime: '2026-12-04T10:00:00.000Z',
          orderingKey: 'k',
        },
        subscription: 'projects/p/subscriptions/s',
        deliveryAttempt: 3,
      },
      'fallback',
    );
    expect(message).toEqual({
      id: '42',
      data: Buffer.from('{"a":1}'),
      attributes: { pattern: 'x' },
      orderingKey: 'k',
      publishTime: new Date('2026-12-04T10:00:00.000Z'),
      deliveryAttempt: 3,
      subscription: 's',
      transport: 'push',
    });
  });

  it("accepts the old worker's minimal {message: {data}} and derives a stable id from the content", () => {
    const body = { message: { data: base64('{"job_type":"daily"}') } };
    const first = parsePushEnvelope(body, 'legacy');
    const again = parsePushEnvelope(body, 'legacy');
    expect(first.id).toMatch(/^sha256-[0-9a-f]{32}$/);
    expect(again.id).toBe(first.id);
    expect(first.subscription).toBe('legacy');
    expect(first.attributes).toEqual({});
  });

  it.each([
    [undefined, 'Expected a Pub/Sub push envelope'],
    [{}, 'Expected a Pub/Sub push envelope'],
    [{ message: [] }, 'Expected a Pub/Sub push envelope'],
    [{ message: { data: 5 } }, 'message.data must be a base64 string'],
    [{ message: { data: 'a b' } }, 'message.data must be a base64 string'],
    [
      { message: { data: '', attributes: { n: 1 } } },
      'message.attributes must map names to strings',
    ],
    [{ message: { data: '', messageId: '' } }, 'message.messageId must be a non-empty string'],
  ])('refuses %j', (body, reason) => {
    expect(() => parsePushEnvelope(body, 's')).toThrow(MalformedEnvelopeError);
    expect(() => parsePushEnvelope(body, 's')).toThrow(reason);
  });
});
