import { BaseRpcContext } from '@nestjs/microservices';
import type { InboundMessage } from './inbound-message.js';
import { Attributes } from './pubsub.constants.js';

/** How a message ends: handled (ack), to be retried (nack), or never processable (dead letter). */
export type Settlement =
  { kind: 'ack' } | { kind: 'nack'; reason?: string } | { kind: 'dead-letter'; reason: string };

type PubSubContextArgs = [InboundMessage, string, SettlementLatch];

/**
 * Settlement made by a handler in manual mode. The first call wins: a
 * handler cannot ack a message it already nacked.
 */
export class SettlementLatch {
  private decided?: Settlement;
  private resolve!: (settlement: Settlement) => void;
  readonly settled: Promise<Settlement> = new Promise((resolve) => (this.resolve = resolve));

  settle(settlement: Settlement): boolean {
    if (this.decided) return false;
    this.decided = settlement;
    this.resolve(settlement);
    return true;
  }

  get decision(): Settlement | undefined {
    return this.decided;
  }
}

/**
 * What a handler can learn about the message it handles:
 * `@Ctx() context: PubSubContext`.
 */
export class PubSubContext extends BaseRpcContext<PubSubContextArgs> {
  /** The message as received (data, attributes, ids), pulled or pushed. */
  getMessage(): InboundMessage {
    return this.args[0];
  }

  getPattern(): string {
    return this.args[1];
  }

  getAttributes(): Readonly<Record<string, string>> {
    return this.args[0].attributes;
  }

  /** 1 on first delivery; undefined where Pub/Sub does not count (no dead-letter policy). */
  getDeliveryAttempt(): number | undefined {
    return this.args[0].deliveryAttempt;
  }

  getSubscription(): string {
    return this.args[0].subscription;
  }

  getOrderingKey(): string | undefined {
    return this.args[0].orderingKey;
  }

  getPublishTime(): Date | undefined {
    return this.args[0].publishTime;
  }

  getMessageId(): string {
    return this.args[0].id;
  }

  /** The W3C `traceparent` the publisher attached, to continue its trace. */
  getTraceParent(): string | undefined {
    return this.args[0].attributes[Attributes.TRACEPARENT];
  }

  /** Manual mode: the message is handled; ack it. */
  ack(): void {
    this.args[2].settle({ kind: 'ack' });
  }

  /** Manual mode: give the message back for redelivery. */
  nack(reason?: string): void {
    this.args[2].settle({ kind: 'nack', reason });
  }

  /** Manual mode: the message can never succeed; dead-letter it with this reason. */
  deadLetter(reason: string): void {
    this.args[2].settle({ kind: 'dead-letter', reason });
  }
}
