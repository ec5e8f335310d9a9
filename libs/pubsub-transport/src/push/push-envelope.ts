import { createHash } from 'node:crypto';
import { type InboundMessage, shortName } from '../inbound-message.js';

/** The request was not a Pub/Sub push envelope: answered 400, never dispatched. */
export class MalformedEnvelopeError extends Error {
  override readonly name = 'MalformedEnvelopeError';
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Reads a push request body,
 * `{"message":{"data","attributes","messageId","publishTime","orderingKey"},"subscription","deliveryAttempt"}`.
 * Only `message` is required, as the worker we replace accepted
 * `{"message":{"data":"..."}}`; a message without an id gets one derived from
 * its content, so redeliveries of it are still recognised.
 */
export function parsePushEnvelope(body: unknown, fallbackSubscription: string): InboundMessage {
  if (!isObject(body) || !isObject(body.message)) {
    throw new MalformedEnvelopeError(
      'Expected a Pub/Sub push envelope: {"message": {"data": "<base64>", ...}}',
    );
  }
  const { message } = body;
  const data = message.data ?? '';
  if (typeof data !== 'string' || data.length % 4 !== 0 || !BASE64.test(data)) {
    throw new MalformedEnvelopeError('message.data must be a base64 string');
  }
  const attributes = message.attributes ?? {};
  if (
    !isObject(attributes) ||
    Object.values(attributes).some((value) => typeof value !== 'string')
  ) {
    throw new MalformedEnvelopeError('message.attributes must map names to strings');
  }
  const messageId = message.messageId ?? message.message_id;
  if (messageId !== undefined && (typeof messageId !== 'string' || messageId === '')) {
    throw new MalformedEnvelopeError('message.messageId must be a non-empty string');
  }
  const publishTime = message.publishTime ?? message.publish_time;
  const publishedAt = typeof publishTime === 'string' ? new Date(publishTime) : undefined;
  const bytes = Buffer.from(data, 'base64');
  return {
    id:
      messageId ??
      `sha256-${createHash('sha256').update(bytes).update(JSON.stringify(attributes)).digest('hex').slice(0, 32)}`,
    data: bytes,
    attributes: attributes as Record<string, string>,
    orderingKey:
      typeof message.orderingKey === 'string' && message.orderingKey
        ? message.orderingKey
        : undefined,
    publishTime: publishedAt && !Number.isNaN(publishedAt.getTime()) ? publishedAt : undefined,
    deliveryAttempt: typeof body.deliveryAttempt === 'number' ? body.deliveryAttempt : undefined,
    subscription: shortName(
      typeof body.subscription === 'string' && body.subscription
        ? body.subscription
        : fallbackSubscription,
    ),
    transport: 'push',
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
