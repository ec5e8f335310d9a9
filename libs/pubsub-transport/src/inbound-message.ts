import type { Message } from '@google-cloud/pubsub';

/**
 * A received message, the same whether it was pulled or pushed, so both paths
 * share decoding, dispatch and settlement.
 */
export interface InboundMessage {
  readonly id: string;
  readonly data: Buffer;
  readonly attributes: Readonly<Record<string, string>>;
  readonly orderingKey?: string;
  readonly publishTime?: Date;
  /** 1 on first delivery; Pub/Sub counts only on subscriptions with a dead-letter policy. */
  readonly deliveryAttempt?: number;
  /** Short subscription name. */
  readonly subscription: string;
  readonly transport: 'pull' | 'push';
}

export function fromPulledMessage(message: Message, subscription: string): InboundMessage {
  return {
    id: message.id,
    data: message.data,
    attributes: message.attributes ?? {},
    orderingKey: message.orderingKey || undefined,
    publishTime: message.publishTime ? new Date(message.publishTime.getTime()) : undefined,
    deliveryAttempt: message.deliveryAttempt || undefined,
    subscription: shortName(subscription),
    transport: 'pull',
  };
}

/** `projects/p/subscriptions/s` → `s`; a short name is returned as is. */
export function shortName(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}
