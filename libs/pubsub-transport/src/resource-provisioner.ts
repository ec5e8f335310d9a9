import type { CreateSubscriptionOptions, PubSub } from '@google-cloud/pubsub';
import type { PubSubSubscriptionOptions } from './pubsub-transport.options.js';

/**
 * Creates topics and subscriptions that do not exist yet (`autoCreate`).
 * Existing ones are left exactly as they are: their settings belong to
 * whoever created them.
 */
export class ResourceProvisioner {
  constructor(private readonly pubsub: PubSub) {}

  async ensureTopic(name: string): Promise<void> {
    await ignoreAlreadyExists(this.pubsub.createTopic(name));
  }

  async ensureSubscription(options: PubSubSubscriptionOptions): Promise<void> {
    if (!options.topic) {
      throw new Error(`autoCreate needs the topic of subscription "${options.name}"`);
    }
    await this.ensureTopic(options.topic);
    if (options.deadLetterTopic) await this.ensureTopic(options.deadLetterTopic);
    const settings: CreateSubscriptionOptions = {
      ackDeadlineSeconds: options.ackDeadlineSeconds,
      enableMessageOrdering: options.enableMessageOrdering ?? false,
      enableExactlyOnceDelivery: options.enableExactlyOnceDelivery ?? false,
    };
    if (options.deadLetterTopic) {
      settings.deadLetterPolicy = {
        deadLetterTopic: this.pubsub.topic(options.deadLetterTopic).name,
        maxDeliveryAttempts: options.maxDeliveryAttempts ?? 5,
      };
    }
    if (options.retryPolicy) {
      settings.retryPolicy = {
        minimumBackoff: { seconds: options.retryPolicy.minimumBackoffSeconds },
        maximumBackoff: { seconds: options.retryPolicy.maximumBackoffSeconds },
      };
    }
    await ignoreAlreadyExists(
      this.pubsub.topic(options.topic).createSubscription(options.name, settings),
    );
  }
}

/** gRPC status code 6. */
const GRPC_ALREADY_EXISTS = 6;

async function ignoreAlreadyExists(creation: Promise<unknown>): Promise<void> {
  try {
    await creation;
  } catch (error) {
    if ((error as { code?: number }).code !== GRPC_ALREADY_EXISTS) throw error;
  }
}
