export { JsonMessageDeserializer, JsonMessageSerializer } from './message-codec.js';
export { describeFailure, invalidPayload, isPermanentFailure, PermanentError, } from './permanent.error.js';
export { PubSubClient, PubSubRecord, newTraceParent } from './pubsub.client.js';
export { Attributes, Defaults, PUBSUB_SERVER, PUBSUB_TRANSPORT } from './pubsub.constants.js';
export { PubSubContext } from './pubsub.context.js';
export { PubSubHealthIndicator } from './pubsub.health-indicator.js';
export { PubSubServer, } from './pubsub.server.js';
export { PubSubTransportModule } from './pubsub-transport.module.js';
export { MalformedEnvelopeError, parsePushEnvelope } from './push/push-envelope.js';
export { PushAuthenticationError, PushTokenVerifier } from './push/push-token.verifier.js';
//# sourceMappingURL=index.js.map