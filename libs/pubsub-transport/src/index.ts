export { type InboundMessage } from './inbound-message.js';
export { JsonMessageDeserializer, JsonMessageSerializer } from './message-codec.js';
export {
  describeFailure,
  invalidPayload,
  isPermanentFailure,
  PermanentError,
  type PermanentFailure,
} from './permanent.error.js';
export { PubSubClient, PubSubRecord, newTraceParent } from './pubsub.client.js';
export { Attributes, Defaults, PUBSUB_SERVER, PUBSUB_TRANSPORT } from './pubsub.constants.js';
export { PubSubContext, type Settlement } from './pubsub.context.js';
export { PubSubHealthIndicator } from './pubsub.health-indicator.js';
export {
  PubSubServer,
  type PubSubServerEvents,
  type PubSubStatus,
  type SubscriptionHealth,
} from './pubsub.server.js';
export {
  PubSubTransportModule,
  type PubSubTransportModuleOptions,
} from './pubsub-transport.module.js';
export type {
  PubSubClientOptions,
  PubSubConnectionOptions,
  PubSubDeserializer,
  PubSubSerializer,
  PubSubServerOptions,
  PubSubSubscriptionOptions,
} from './pubsub-transport.options.js';
export { type PubSubPushEndpoint } from './push/pubsub-push.controller.js';
export { MalformedEnvelopeError, parsePushEnvelope } from './push/push-envelope.js';
export {
  type PushAuthOptions,
  PushAuthenticationError,
  PushTokenVerifier,
} from './push/push-token.verifier.js';
export type { Outcome } from './settlement-log.js';
