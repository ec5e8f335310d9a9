import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  Duration,
  type Message,
  type PubSub,
  type Subscription,
  SubscriptionCloseBehaviors,
} from '@google-cloud/pubsub';
import { Logger } from '@nestjs/common';
import { type CustomTransportStrategy, type MessageHandler, Server } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import { fromPulledMessage, type InboundMessage, shortName } from './inbound-message.js';
import { JsonMessageDeserializer, JsonMessageSerializer } from './message-codec.js';
import { describeFailure, isPermanentFailure, PermanentError } from './permanent.error.js';
import { Attributes, Defaults, MAX_TOTAL_STREAMS, PUBSUB_TRANSPORT } from './pubsub.constants.js';
import { PubSubContext, type Settlement, SettlementLatch } from './pubsub.context.js';
import { createPubSub, TopicPublishers } from './pubsub-connection.js';
import type {
  PubSubDeserializer,
  PubSubSerializer,
  PubSubServerOptions,
  PubSubSubscriptionOptions,
} from './pubsub-transport.options.js';
import { ResourceProvisioner } from './resource-provisioner.js';
import { logSettlement, type Outcome } from './settlement-log.js';

export type PubSubStatus = 'connected' | 'disconnected' | 'error' | 'closed';

/** Events of `server.on(...)`. */
export type PubSubServerEvents = {
  /** A subscription's stream failed; the client library retries retryable errors itself. */
  error: (error: Error, subscription: string) => void;
  /** A message was settled (after its log line). */
  settled: (settled: {
    messageId: string;
    pattern?: string;
    outcome: Outcome;
    reason?: string;
    durationMs: number;
  }) => void;
};

/** What the server knows of one subscription, for health checks. */
export interface SubscriptionHealth {
  name: string;
  open: boolean;
  inFlight: number;
  lastError?: string;
  lastErrorAt?: Date;
}

/** The result of dispatching one message, before it is applied to Pub/Sub. */
export interface Dispatched {
  pattern?: string;
  settlement: Settlement;
}

interface SubscriptionState {
  options: Required<Pick<PubSubSubscriptionOptions, 'maxMessages' | 'maxStreams'>> &
    PubSubSubscriptionOptions;
  subscription?: Subscription;
  open: boolean;
  inFlight: number;
  lastError?: string;
  lastErrorAt?: Date;
}

/** A message being handled; `givenBack` once shutdown returned it to Pub/Sub. */
interface InFlight {
  done: Promise<unknown>;
  givenBack: boolean;
  /** Manual mode: released with a nack when shutdown gives the message back. */
  latch?: SettlementLatch;
}

/**
 * A Nest transport for Google Cloud Pub/Sub: pulls from one or more
 * subscriptions (and takes pushed messages through `PubSubTransportModule`),
 * routes each message to its `@EventPattern` / `@MessagePattern` handler by
 * the pattern attribute, and settles it by what really happened:
 *
 * - ack after the handler's value, promise or observable completed;
 * - nack (Pub/Sub redelivers) when it threw or errored;
 * - dead-letter with the reason, then ack, for a `PermanentError`, undecodable
 *   data or an unknown pattern (nack and an error log without a dead-letter topic).
 *
 * `close()` stops intake, lets running handlers finish within the grace
 * period, gives back what is still running, and flushes publishers.
 */
export class PubSubServer
  extends Server<PubSubServerEvents, PubSubStatus>
  implements CustomTransportStrategy
{
  // Handler errors are awaited and settled here; Nest need not report them again.
  override readonly propagatesEventHandlerErrors = true;
  protected override readonly logger = new Logger(PubSubServer.name);

  private readonly patternAttribute: string;
  private readonly deserializerImpl: PubSubDeserializer;
  private readonly serializerImpl: PubSubSerializer;
  private readonly shutdownGraceMs: number;
  private readonly manualAck: boolean;
  private readonly autoCreate: boolean;
  private readonly states = new Map<string, SubscriptionState>();
  private readonly inFlight = new Set<InFlight>();
  /** Per subscription and ordering key, the tail of the handlers queued in publish order. */
  private readonly orderingChains = new Map<string, Promise<void>>();
  private readonly events = new EventEmitter();
  private pubsub?: PubSub;
  private publishers?: TopicPublishers;
  private closing?: Promise<void>;

  constructor(private readonly options: PubSubServerOptions) {
    super();
    this.transportId = PUBSUB_TRANSPORT;
    this.patternAttribute = options.patternAttribute ?? Defaults.PATTERN_ATTRIBUTE;
    this.deserializerImpl = options.deserializer ?? new JsonMessageDeserializer();
    this.serializerImpl = options.serializer ?? new JsonMessageSerializer();
    this.shutdownGraceMs = options.shutdownGraceMs ?? Defaults.SHUTDOWN_GRACE_MS;
    this.manualAck = options.manualAck ?? false;
    this.autoCreate = options.autoCreate ?? Boolean(options.emulatorHost);
    for (const subscription of options.subscriptions ?? []) {
      const name = shortName(subscription.name);
      if (this.states.has(name)) throw new Error(`Subscription "${name}" is listed twice`);
      this.states.set(name, {
        options: {
          ...subscription,
          maxMessages: subscription.maxMessages ?? Defaults.MAX_MESSAGES,
          maxStreams: subscription.maxStreams ?? Defaults.MAX_STREAMS,
        },
        open: false,
        inFlight: 0,
      });
    }
    const streams = [...this.states.values()].reduce(
      (sum, state) => sum + state.options.maxStreams,
      0,
    );
    if (streams > MAX_TOTAL_STREAMS) {
      throw new Error(
        `The subscriptions ask for ${streams} streaming pulls; one connection carries at most ${MAX_TOTAL_STREAMS}. Lower maxStreams.`,
      );
    }
    this.initializeSerializer(options);
    this.initializeDeserializer(options);
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (error: unknown) => {
        this._status$.next('error');
        callback(error);
      },
    );
  }

  async close(): Promise<void> {
    this.closing ??= this.drainAndClose();
    return this.closing;
  }

  on<EventKey extends keyof PubSubServerEvents = keyof PubSubServerEvents>(
    event: EventKey,
    callback: PubSubServerEvents[EventKey],
  ): void {
    this.events.on(event, callback as (...args: unknown[]) => void);
  }

  /**
   * A string pattern is looked up as it is. Nest's lookup first tries
   * `JSON.parse` on it, which throws for every plain string: a measurable
   * share of the per-message cost. Object patterns still go through Nest.
   */
  override getHandlerByPattern(pattern: string): MessageHandler | null {
    return this.messageHandlers.get(pattern) ?? super.getHandlerByPattern(pattern);
  }

  /** The `PubSub` client, once listening. */
  unwrap<T = PubSub>(): T {
    if (!this.pubsub) {
      throw new Error('Not initialized. Call "listen" / "startAllMicroservices" before "unwrap".');
    }
    return this.pubsub as T;
  }

  /** Each pulled subscription's state and the messages being handled. */
  health(): { closing: boolean; inFlight: number; subscriptions: SubscriptionHealth[] } {
    return {
      closing: Boolean(this.closing),
      inFlight: this.inFlight.size,
      subscriptions: [...this.states.entries()].map(([name, state]) => ({
        name,
        open: state.open,
        inFlight: state.inFlight,
        lastError: state.lastError,
        lastErrorAt: state.lastErrorAt,
      })),
    };
  }

  /**
   * Settles a pushed message the way a pulled one is settled; returns what
   * the HTTP answer must say. Used by the push controller.
   */
  async handlePushed(
    message: InboundMessage,
    { deadLetterTopic, defaultPattern }: { deadLetterTopic?: string; defaultPattern?: string } = {},
  ): Promise<Outcome> {
    if (this.closing) {
      this.report({ message, outcome: 'nacked', durationMs: 0, reason: 'shutting down' });
      return 'nacked';
    }
    return this.process(message, defaultPattern, async ({ pattern, settlement }) => {
      if (settlement.kind !== 'dead-letter') {
        return settlement.kind === 'ack'
          ? { outcome: 'acked' }
          : { outcome: 'nacked', reason: settlement.reason };
      }
      const outcome = await this.deadLetter(message, pattern, settlement.reason, deadLetterTopic);
      return { outcome, reason: settlement.reason };
    });
  }

  private async start(): Promise<void> {
    this.pubsub = createPubSub(this.options);
    this.publishers = new TopicPublishers(this.pubsub);
    const provisioner = new ResourceProvisioner(this.pubsub);
    for (const [name, state] of this.states) {
      if (this.autoCreate) {
        await provisioner.ensureSubscription({ ...state.options, name });
      } else {
        const [exists] = await this.pubsub.subscription(name).exists();
        if (!exists) {
          throw new Error(
            `Pub/Sub subscription "${name}" does not exist in project "${this.pubsub.projectId}"; create it or enable autoCreate`,
          );
        }
      }
      this.subscribe(name, state);
    }
    this._status$.next('connected');
  }

  private subscribe(name: string, state: SubscriptionState): void {
    const { options } = state;
    const maxExtensionSeconds = options.maxExtensionSeconds ?? Defaults.MAX_EXTENSION_SECONDS;
    const subscription = this.pubsub!.subscription(name, {
      flowControl: { maxMessages: options.maxMessages, allowExcessMessages: false },
      minAckDeadline: Duration.from({
        seconds: Math.min(options.ackDeadlineSeconds ?? Defaults.ACK_DEADLINE_SECONDS, 600),
      }),
      maxExtensionTime: Duration.from({ seconds: maxExtensionSeconds }),
      streamingOptions: { maxStreams: options.maxStreams },
      // The library closes the stream at once, waits for in-flight messages to
      // be settled, then nacks the rest: the drain `close()` relies on.
      closeOptions: {
        behavior: SubscriptionCloseBehaviors.WaitForProcessing,
        timeout: Duration.from({ milliseconds: Math.max(this.shutdownGraceMs, 1_000) }),
      },
    });
    subscription.on('message', (message: Message) => void this.handlePulled(message, name, state));
    subscription.on('error', (error: Error) => {
      state.lastError = describeFailure(error);
      state.lastErrorAt = new Date();
      this._status$.next('error');
      this.logger.error({
        message: 'subscription error',
        subscription: name,
        error: state.lastError,
      });
      this.events.emit('error', error, name);
    });
    subscription.on('close', () => {
      state.open = false;
    });
    state.subscription = subscription;
    state.open = true;
  }

  private handlePulled(pulled: Message, name: string, state: SubscriptionState): Promise<void> {
    const message = fromPulledMessage(pulled, name);
    if (this.closing) {
      pulled.nack();
      return Promise.resolve();
    }
    if (!message.orderingKey) return this.processPulled(pulled, message, state);
    // The library delivers a key's messages in order, but handlers are
    // asynchronous: run them one after another so they also finish in order.
    const key = `${name}\u0000${message.orderingKey}`;
    const previous = this.orderingChains.get(key) ?? Promise.resolve();
    const current = previous.then(() => this.processPulled(pulled, message, state));
    this.orderingChains.set(key, current);
    return current.finally(() => {
      if (this.orderingChains.get(key) === current) this.orderingChains.delete(key);
    });
  }

  private async processPulled(
    pulled: Message,
    message: InboundMessage,
    state: SubscriptionState,
  ): Promise<void> {
    state.inFlight++;
    try {
      await this.process(message, state.options.defaultPattern, ({ pattern, settlement }) =>
        this.settlePulled(pulled, message, pattern, settlement, state),
      );
    } catch (error) {
      // Settlement itself failed (e.g. the client is closing): Pub/Sub will redeliver after the deadline.
      this.logger.error({
        message: 'settling failed',
        messageId: message.id,
        error: describeFailure(error),
      });
    } finally {
      state.inFlight--;
    }
  }

  private async settlePulled(
    pulled: Message,
    message: InboundMessage,
    pattern: string | undefined,
    settlement: Settlement,
    state: SubscriptionState,
  ): Promise<{ outcome: Outcome; reason?: string }> {
    if (settlement.kind === 'ack') return { outcome: await this.ack(pulled, state) };
    if (settlement.kind === 'nack') {
      pulled.nack();
      return { outcome: 'nacked', reason: settlement.reason };
    }
    const published = await this.deadLetter(
      message,
      pattern,
      settlement.reason,
      state.options.deadLetterTopic,
    );
    if (published !== 'dead-lettered') {
      pulled.nack();
      return { outcome: published, reason: settlement.reason };
    }
    const acked = await this.ack(pulled, state);
    return { outcome: acked === 'acked' ? 'dead-lettered' : acked, reason: settlement.reason };
  }

  /**
   * Dispatches a message and settles it through `settle`, tracked as in
   * flight until its settlement is applied, so shutdown waits for both.
   */
  private async process(
    message: InboundMessage,
    defaultPattern: string | undefined,
    settle: (dispatched: Dispatched) => Promise<{ outcome: Outcome; reason?: string }>,
  ): Promise<Outcome> {
    const startedAt = performance.now();
    const run: InFlight = { givenBack: false, done: Promise.resolve() };
    const work = (async () => {
      const dispatched = await this.dispatch(message, defaultPattern, run);
      const settled = run.givenBack
        ? { outcome: 'given-back' as const, reason: 'handler outlived the shutdown grace period' }
        : await settle(dispatched);
      this.report({
        message,
        pattern: dispatched.pattern,
        durationMs: performance.now() - startedAt,
        ...settled,
      });
      return settled.outcome;
    })();
    run.done = work;
    this.inFlight.add(run);
    try {
      return await work;
    } finally {
      this.inFlight.delete(run);
    }
  }

  private async ack(pulled: Message, state: SubscriptionState): Promise<Outcome> {
    if (!state.options.enableExactlyOnceDelivery) {
      pulled.ack();
      return 'acked';
    }
    try {
      // With exactly-once delivery an ack can be refused (lease lost); the
      // message will then be redelivered and must not be reported as done.
      await pulled.ackWithResponse();
      return 'acked';
    } catch (error) {
      this.logger.error({
        message: 'ack refused',
        messageId: pulled.id,
        error: describeFailure(error),
      });
      return 'ack-failed';
    }
  }

  /**
   * Decodes, routes and runs one message, and decides how it settles. Never
   * throws: every failure becomes a settlement.
   */
  private async dispatch(
    message: InboundMessage,
    defaultPattern: string | undefined,
    run: InFlight,
  ): Promise<Dispatched> {
    let pattern: string | undefined;
    let latch: SettlementLatch | undefined;
    try {
      const packet = this.deserializerImpl.deserialize(message, {
        patternAttribute: this.patternAttribute,
        defaultPattern,
      });
      pattern = packet.pattern;
      const handler = this.getHandlerByPattern(pattern);
      if (!handler) {
        throw new PermanentError(`No handler for pattern "${pattern}"`, 'UNKNOWN_PATTERN');
      }
      latch = new SettlementLatch();
      run.latch = latch;
      const context = new PubSubContext([message, pattern, latch]);
      const reply = this.replyAddress(message, handler);
      try {
        const response = await this.runHandler(handler, packet.data, context);
        if (reply) await this.publishReply(reply, { response });
      } catch (error) {
        if (reply && isPermanentFailure(error)) await this.publishReply(reply, { err: error });
        throw error;
      }
      if (!this.manualAck) return { pattern, settlement: { kind: 'ack' } };
      if (!latch.decision) {
        this.logger.warn({
          message: 'manual-ack handler returned without settling; waiting for it',
          messageId: message.id,
          pattern,
        });
      }
      return { pattern, settlement: await latch.settled };
    } catch (error) {
      // A handler that settled explicitly before failing keeps its decision.
      if (this.manualAck && latch?.decision) return { pattern, settlement: latch.decision };
      const reason = describeFailure(error);
      return {
        pattern,
        settlement: isPermanentFailure(error)
          ? { kind: 'dead-letter', reason }
          : { kind: 'nack', reason },
      };
    }
  }

  /** Runs a handler to completion (value, promise or observable) between Nest's processing hooks. */
  private runHandler(
    handler: MessageHandler,
    data: unknown,
    context: PubSubContext,
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.runWithProcessingHooks(context, async (runEndHook) => {
        try {
          // Nest's handler proxies return promises; only an observable result
          // needs rxjs to wait for its completion (the hot path skips it).
          const result: unknown = await handler(data, context);
          resolve(
            isObservable(result)
              ? await lastValueFrom(result, { defaultValue: undefined })
              : result,
          );
        } catch (error) {
          reject(error);
        } finally {
          runEndHook();
        }
      });
    });
  }

  private replyAddress(
    message: InboundMessage,
    handler: MessageHandler,
  ): { topic: string; id: string } | undefined {
    const topic = message.attributes[Attributes.REPLY_TOPIC];
    const id = message.attributes[Attributes.CORRELATION_ID];
    return !handler.isEventHandler && topic && id ? { topic, id } : undefined;
  }

  private async publishReply(
    reply: { topic: string; id: string },
    body: { response?: unknown; err?: unknown },
  ): Promise<void> {
    await this.publishers!.publish(reply.topic, {
      data: this.serializerImpl.serialize({ id: reply.id, ...body, isDisposed: true }),
      attributes: { [Attributes.CORRELATION_ID]: reply.id },
    });
  }

  /** Publishes a copy of a message that can never succeed, with the reason, to the dead-letter topic. */
  private async deadLetter(
    message: InboundMessage,
    pattern: string | undefined,
    reason: string,
    topic: string | undefined,
  ): Promise<Outcome> {
    if (!topic) {
      this.logger.error({
        message:
          'permanent failure but no dead-letter topic is configured; nacking so it is not lost',
        messageId: message.id,
        pattern,
        reason,
      });
      return 'nacked';
    }
    try {
      await this.publishers!.publish(topic, {
        data: message.data,
        attributes: {
          ...message.attributes,
          [Attributes.ERROR]: reason.slice(0, 1024),
          [Attributes.ORIGINAL_MESSAGE_ID]: message.id,
          [Attributes.ORIGINAL_PATTERN]: pattern ?? '',
          [Attributes.DELIVERY_ATTEMPT]: String(message.deliveryAttempt ?? 1),
          [Attributes.SUBSCRIPTION]: message.subscription,
          [Attributes.FAILED_AT]: new Date().toISOString(),
        },
      });
      return 'dead-lettered';
    } catch (error) {
      this.logger.error({
        message: 'dead-letter publish failed; nacking',
        messageId: message.id,
        error: describeFailure(error),
      });
      return 'nacked';
    }
  }

  private report(settled: Parameters<typeof logSettlement>[1]): void {
    logSettlement(this.logger, settled);
    this.events.emit('settled', {
      messageId: settled.message.id,
      pattern: settled.pattern,
      outcome: settled.outcome,
      reason: settled.reason,
      durationMs: settled.durationMs,
    });
  }

  private async drainAndClose(): Promise<void> {
    this._status$.next('disconnected');
    const running = [...this.inFlight];
    // Closing a subscription stops its stream at once and waits (up to the
    // grace period) for its messages to be settled before nacking the rest.
    const subscriptionsClosed = Promise.all(
      [...this.states.values()].map(async (state) => {
        await state.subscription?.close();
        state.open = false;
      }),
    );
    this.logger.log({
      message: 'draining: intake stopped',
      inFlight: running.length,
      graceMs: this.shutdownGraceMs,
    });
    const drained = await Promise.race([
      Promise.allSettled(running.map((run) => run.done)).then(() => true),
      sleep(this.shutdownGraceMs, false),
    ]);
    if (!drained) {
      for (const run of this.inFlight) {
        run.givenBack = true;
        run.latch?.settle({ kind: 'nack', reason: 'shutting down' });
      }
      this.logger.warn({
        message: 'shutdown grace period over; giving back running messages',
        count: this.inFlight.size,
      });
    }
    const queued = [...this.states.values()].reduce(
      (sum, state) => sum + giveBackQueued(state.subscription),
      0,
    );
    if (queued > 0)
      this.logger.log({ message: 'gave back messages that were never handled', count: queued });
    await subscriptionsClosed;
    await this.publishers?.flush();
    await this.pubsub?.close();
    this._status$.next('closed');
  }
}

/**
 * Nacks the messages a closing subscription holds but will never hand out
 * (those waiting behind flow control), so Pub/Sub redelivers them at once.
 * The client library would otherwise keep them until its close timeout,
 * holding shutdown open for the whole grace period. It reaches into the
 * library's lease manager, the one place that knows them; if that changes,
 * nothing is given back early and the library's timeout applies as before.
 */
function giveBackQueued(subscription: Subscription | undefined): number {
  const inventory = (
    subscription as unknown as
      { _subscriber?: { _inventory?: { _pending?: Message[] } } } | undefined
  )?._subscriber?._inventory;
  const pending = Array.isArray(inventory?._pending) ? [...inventory._pending] : [];
  for (const message of pending) message.nack();
  return pending.length;
}
