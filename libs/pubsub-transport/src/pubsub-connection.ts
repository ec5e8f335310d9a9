import { PubSub, type Topic } from '@google-cloud/pubsub';
import type { PubSubConnectionOptions } from './pubsub-transport.options.js';

/** One `PubSub` client from the connection options; the emulator needs no credentials. */
export function createPubSub(options: PubSubConnectionOptions): PubSub {
  return new PubSub({
    ...options.clientConfig,
    projectId: options.projectId ?? options.clientConfig?.projectId,
    enableOpenTelemetryTracing: options.enableOpenTelemetryTracing ?? false,
    // With the emulator: no credentials, and no probe for a GCE metadata server
    // (google-auth would otherwise look for one to learn the universe domain).
    ...(options.emulatorHost
      ? { apiEndpoint: options.emulatorHost, emulatorMode: true, universeDomain: 'googleapis.com' }
      : {}),
  });
}

/**
 * Publishers by topic name, created once and reused: a `Topic` batches
 * messages, so `flush()` at shutdown is what makes pending ones durable.
 */
export class TopicPublishers {
  private readonly topics = new Map<string, Topic>();

  constructor(private readonly pubsub: PubSub) {}

  topic(name: string, { ordered = false } = {}): Topic {
    const key = `${name}\u0000${ordered}`;
    let topic = this.topics.get(key);
    if (!topic) {
      topic = this.pubsub.topic(name, ordered ? { messageOrdering: true } : undefined);
      this.topics.set(key, topic);
    }
    return topic;
  }

  async publish(
    topicName: string,
    message: { data: Buffer; attributes?: Record<string, string>; orderingKey?: string },
  ): Promise<string> {
    const topic = this.topic(topicName, { ordered: Boolean(message.orderingKey) });
    return topic.publishMessage(message);
  }

  async flush(): Promise<void> {
    await Promise.all([...this.topics.values()].map((topic) => topic.flush()));
  }
}
