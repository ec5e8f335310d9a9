import type { ClientConfig } from '@google-cloud/pubsub';
import type { InboundMessage } from './inbound-message.js';

/** Turns an inbound message into Nest's `{ pattern, data }`; throw a `PermanentError` for undecodable input. */
export interface PubSubDeserializer {
  deserialize(
    message: InboundMessage,
    options: { patternAttribute: string; defaultPattern?: string },
  ): {
    pattern: string;
    data: unknown;
  };
}

/** Turns an outgoing value into message bytes. */
export interface PubSubSerializer {
  serialize(value: unknown): Buffer;
}

/** Options shared by the server and the client. */
export interface PubSubConnectionOptions {
  /** Google Cloud project id. Default: detected by the client library (or the emulator's `PUBSUB_EMULATOR_HOST` project). */
  projectId?: string;
  /** `host:port` of the Pub/Sub emulator. When set, no credentials are used. Default: none (real Pub/Sub). */
  emulatorHost?: string;
  /** Extra options for the `PubSub` client (credentials, apiEndpoint...). */
  clientConfig?: ClientConfig;
  /** Turn on the client library's OpenTelemetry tracing. Default: false. */
  enableOpenTelemetryTracing?: boolean;
  /** Attribute that carries the pattern. Default: `pattern`. */
  patternAttribute?: string;
  serializer?: PubSubSerializer;
  deserializer?: PubSubDeserializer;
}

/** What `autoCreate` gives a subscription it creates. Ignored for existing subscriptions. */
export interface SubscriptionProvisioning {
  /**
   * Number of delivery attempts after which Pub/Sub moves a message to the
   * dead-letter topic (5-100). Needs `deadLetterTopic`. Default: 5.
   */
  maxDeliveryAttempts?: number;
  /** Redelivery backoff after a nack, in seconds. Default: Pub/Sub's (immediate redelivery). */
  retryPolicy?: { minimumBackoffSeconds: number; maximumBackoffSeconds: number };
  /** Deliver messages with the same ordering key in publish order. Default: false. */
  enableMessageOrdering?: boolean;
  /** Exactly-once delivery; acks are then confirmed with `ackWithResponse`. Default: false. */
  enableExactlyOnceDelivery?: boolean;
}

export interface PubSubSubscriptionOptions extends SubscriptionProvisioning {
  /** Subscription name (short name or `projects/P/subscriptions/S`). */
  name: string;
  /** Topic the subscription reads; needed for `autoCreate`. */
  topic?: string;
  /** Pattern for messages that carry none, e.g. a legacy publisher's. Default: none (such a message is a permanent failure). */
  defaultPattern?: string;
  /**
   * Topic that permanent failures are published to, with `x-error` and the
   * original ids as attributes. Also the subscription's dead-letter policy
   * topic when `autoCreate` creates it. Default: none (permanent failures
   * are logged at error level and nacked).
   */
  deadLetterTopic?: string;
  /** Most messages handled at once from this subscription; exact (`allowExcessMessages: false`). Default: 10. */
  maxMessages?: number;
  /** Ack deadline in seconds the library starts leases with; it extends them while a handler runs. Default: 60. */
  ackDeadlineSeconds?: number;
  /** Longest a handler may hold a message (leases are extended up to this), in seconds. Default: 3600. */
  maxExtensionSeconds?: number;
  /** Streaming pull connections for this subscription. Default: 1. */
  maxStreams?: number;
}

export interface PubSubServerOptions extends PubSubConnectionOptions {
  /** Subscriptions to pull from; none for a push-only deployment. */
  subscriptions?: PubSubSubscriptionOptions[];
  /**
   * Create missing topics and subscriptions at start-up. Default: true with
   * the emulator, false otherwise (production resources belong to
   * infrastructure code).
   */
  autoCreate?: boolean;
  /** How long `close()` waits for running handlers before nacking them, in ms. Default: 8000. */
  shutdownGraceMs?: number;
  /**
   * Handlers settle their message themselves through `PubSubContext.ack()`,
   * `nack()` or `deadLetter()`. Default: false (the transport settles by the
   * handler's outcome).
   */
  manualAck?: boolean;
}

export interface PubSubClientOptions extends PubSubConnectionOptions {
  /** Topic `emit()` and `send()` publish to. */
  topic: string;
  /** Topic replies to `send()` are published to; needed for `send()`. */
  replyTopic?: string;
  /** Subscription of `replyTopic` this client reads replies from; created with `autoCreate`. */
  replySubscription?: string;
  /** How long `send()` waits for a reply, in ms. Default: 30000. */
  requestTimeoutMs?: number;
  /** Create the topics and reply subscription when missing. Default: true with the emulator. */
  autoCreate?: boolean;
}
