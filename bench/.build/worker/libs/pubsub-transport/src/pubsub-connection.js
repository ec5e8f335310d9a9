import { PubSub } from '@google-cloud/pubsub';
/** One `PubSub` client from the connection options; the emulator needs no credentials. */
export function createPubSub(options) {
    return new PubSub({
        ...options.clientConfig,
        projectId: options.projectId ?? options.clientConfig?.projectId,
        enableOpenTelemetryTracing: options.enableOpenTelemetryTracing ?? false,
        ...(options.emulatorHost ? { apiEndpoint: options.emulatorHost, emulatorMode: true } : {}),
    });
}
/**
 * Publishers by topic name, created once and reused: a `Topic` batches
 * messages, so `flush()` at shutdown is what makes pending ones durable.
 */
export class TopicPublishers {
    pubsub;
    topics = new Map();
    constructor(pubsub) {
        this.pubsub = pubsub;
    }
    topic(name, { ordered = false } = {}) {
        const key = `${name}\u0000${ordered}`;
        let topic = this.topics.get(key);
        if (!topic) {
            topic = this.pubsub.topic(name, ordered ? { messageOrdering: true } : undefined);
            this.topics.set(key, topic);
        }
        return topic;
    }
    async publish(topicName, message) {
        const topic = this.topic(topicName, { ordered: Boolean(message.orderingKey) });
        return topic.publishMessage(message);
    }
    async flush() {
        await Promise.all([...this.topics.values()].map((topic) => topic.flush()));
    }
}
//# sourceMappingURL=pubsub-connection.js.map