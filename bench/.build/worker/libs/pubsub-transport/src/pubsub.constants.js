/** Token under which `PubSubTransportModule` provides the server instance. */
export const PUBSUB_SERVER = Symbol('PUBSUB_SERVER');
/** Transport id used by `@EventPattern(pattern, PUBSUB_TRANSPORT)` to bind a handler to this transport only. */
export const PUBSUB_TRANSPORT = Symbol('PUBSUB_TRANSPORT');
/** Message attributes this transport reads and writes. */
export const Attributes = {
    /** Carries the Nest pattern; configurable per server. */
    PATTERN: 'pattern',
    /** Topic a `@MessagePattern` handler's result is published to. */
    REPLY_TOPIC: 'x-reply-topic',
    /** Matches a reply to its request. */
    CORRELATION_ID: 'x-correlation-id',
    /** W3C trace context, propagated from client to handler context. */
    TRACEPARENT: 'traceparent',
    /** Set on dead-lettered copies: why the message can never succeed. */
    ERROR: 'x-error',
    ORIGINAL_MESSAGE_ID: 'x-original-message-id',
    ORIGINAL_PATTERN: 'x-pattern',
    DELIVERY_ATTEMPT: 'x-delivery-attempt',
    SUBSCRIPTION: 'x-subscription',
    FAILED_AT: 'x-failed-at',
};
/** Defaults for options left unset; each is documented where the option is declared. */
export const Defaults = {
    PATTERN_ATTRIBUTE: Attributes.PATTERN,
    MAX_MESSAGES: 10,
    ACK_DEADLINE_SECONDS: 60,
    MAX_EXTENSION_SECONDS: 3_600,
    MAX_STREAMS: 1,
    SHUTDOWN_GRACE_MS: 8_000,
    REQUEST_TIMEOUT_MS: 30_000,
    PUSH_PATH: '/pubsub/push',
    PUSH_ISSUERS: ['https://accounts.google.com', 'accounts.google.com'],
    PUSH_JWKS_URL: 'https://www.googleapis.com/oauth2/v3/certs',
};
/**
 * gRPC allows 100 concurrent streams on one HTTP/2 connection and the client
 * library multiplexes every streaming pull of a `PubSub` instance on it.
 */
export const MAX_TOTAL_STREAMS = 100;
//# sourceMappingURL=pubsub.constants.js.map