import { randomBytes } from 'node:crypto';
import type { Message, PubSub, Subscription } from '@google-cloud/pubsub';
import { Logger } from '@nestjs/common';
import { ClientProxy, type ReadPacket, type WritePacket } from '@nestjs/microservices';
import { type Observable, timeout } from 'rxjs';
import { Attributes, Defaults } from './pubsub.constants.js';
import { JsonMessageSerializer } from './message-codec.js';
import { createPubSub, TopicPublishers } from './pubsub-connection.js';
import type { PubSubClientOptions, PubSubSerializer } from './pubsub-transport.options.js';
import { ResourceProvisioner } from './resource-provisioner.js';

/**
 * Data for `emit()` / `send()` that also sets message attributes or an
 * ordering key: `client.emit('report.generate', new PubSubRecord(payload, { orderingKey: 'acme' }))`.
 */
export class PubSubRecord<T = unknown> {
  constructor(
    readonly data: T,
    readonly options: { attributes?: Record<string, string>; orderingKey?: string } = {},
  ) {}
}

export type PubSubClientStatus = 'connected' | 'disconnected' | 'closed';

/** A fresh W3C trace context (version 00, sampled) for a publish that carries none. */
export function newTraceParent(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
}

/**
 * Publishes Nest patterns to a Pub/Sub topic. `emit()` publishes an event;
 * `send()` publishes a request with a reply topic and correlation id and
 * waits (up to `requestTimeoutMs`) for the handler's result on the reply
 * subscription.
 */
export class PubSubClient extends ClientProxy<Record<never, Function>, PubSubClientStatus> {
  private readonly logger = new Logger(PubSubClient.name);
  private readonly patternAttribute: string;
  private readonly requestTimeoutMs: number;
  private readonly outbound: PubSubSerializer;
  private readonly autoCreate: boolean;
  private readonly replySubscriptionName?: string;
  private pubsub?: PubSub;
  private publishers?: TopicPublishers;
  private replySubscription?: Subscription;
  private connecting?: Promise<void>;

  constructor(private readonly options: PubSubClientOptions) {
    super();
    this.patternAttribute = options.patternAttribute ?? Defaults.PATTERN_ATTRIBUTE;
    this.requestTimeoutMs = options.requestTimeoutMs ?? Defaults.REQUEST_TIMEOUT_MS;
    this.outbound = options.serializer ?? new JsonMessageSerializer();
    this.autoCreate = options.autoCreate ?? Boolean(options.emulatorHost);
    this.replySubscriptionName =
      options.replySubscription ??
      (options.replyTopic && this.autoCreate
        ? `${options.replyTopic}-client-${randomBytes(4).toString('hex')}`
        : undefined);
  }

  async connect(): Promise<void> {
    this.connecting ??= this.open().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }

  async close(): Promise<void> {
    await this.replySubscription?.close();
    await this.publishers?.flush();
    await this.pubsub?.close();
    this.pubsub = undefined;
    this.connecting = undefined;
    this._status$.next('closed');
  }

  unwrap<T = PubSub>(): T {
    if (!this.pubsub) throw new Error('Not initialized. Call "connect" first.');
    return this.pubsub as T;
  }

  override send<TResult = unknown, TInput = unknown>(
    pattern: unknown,
    data: TInput,
  ): Observable<TResult> {
    return super.send<TResult, TInput>(pattern, data).pipe(timeout(this.requestTimeoutMs));
  }

  protected publish(packet: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    const { id } = this.assignPacketId(packet);
    if (!this.options.replyTopic || !this.replySubscriptionName) {
      callback({
        err: new Error(
          'PubSubClient.send() needs replyTopic (and replySubscription unless autoCreate)',
        ),
        isDisposed: true,
      });
      return () => undefined;
    }
    this.routingMap.set(id, callback);
    this.connect()
      .then(() =>
        this.publishPacket(packet, {
          [Attributes.REPLY_TOPIC]: this.options.replyTopic!,
          [Attributes.CORRELATION_ID]: id,
        }),
      )
      .catch((err: unknown) => {
        this.routingMap.delete(id);
        callback({ err, isDisposed: true });
      });
    return () => this.routingMap.delete(id);
  }

  protected async dispatchEvent<T = string>(packet: ReadPacket): Promise<T> {
    await this.connect();
    return (await this.publishPacket(packet, {})) as T;
  }

  private async publishPacket(packet: ReadPacket, extra: Record<string, string>): Promise<string> {
    const record = packet.data instanceof PubSubRecord ? packet.data : undefined;
    const attributes: Record<string, string> = {
      [Attributes.TRACEPARENT]: newTraceParent(),
      ...record?.options.attributes,
      ...extra,
      [this.patternAttribute]: this.normalizePattern(packet.pattern),
    };
    return this.publishers!.publish(this.options.topic, {
      data: this.outbound.serialize(record ? record.data : packet.data),
      attributes,
      orderingKey: record?.options.orderingKey,
    });
  }

  private async open(): Promise<void> {
    this.pubsub = createPubSub(this.options);
    this.publishers = new TopicPublishers(this.pubsub);
    if (this.autoCreate) {
      const provisioner = new ResourceProvisioner(this.pubsub);
      await provisioner.ensureTopic(this.options.topic);
      if (this.options.replyTopic && this.replySubscriptionName) {
        await provisioner.ensureSubscription({
          name: this.replySubscriptionName,
          topic: this.options.replyTopic,
        });
      }
    }
    if (this.options.replyTopic && this.replySubscriptionName) {
      this.replySubscription = this.pubsub.subscription(this.replySubscriptionName);
      this.replySubscription.on('message', (message: Message) => this.handleReply(message));
      this.replySubscription.on('error', (error: Error) =>
        this.logger.error({ message: 'reply subscription error', error: error.message }),
      );
    }
    this._status$.next('connected');
  }

  private handleReply(message: Message): void {
    // Replies are acked on receipt: one with no waiting request (timed out,
    // or for another client) has no one to retry for.
    message.ack();
    let reply: WritePacket & { id?: string };
    try {
      reply = JSON.parse(message.data.toString('utf8')) as WritePacket & { id?: string };
    } catch {
      this.logger.warn({ message: 'unreadable reply dropped', messageId: message.id });
      return;
    }
    const callback = reply.id ? this.routingMap.get(reply.id) : undefined;
    if (!callback) return;
    callback({ err: reply.err, response: reply.response, isDisposed: true });
    this.routingMap.delete(reply.id!);
  }
}
