import type { AppConfig } from '@lib/config';
import { type PubSubPushEndpoint, PubSubServer } from '@lib/pubsub-transport';
import { LEGACY_JOB } from './jobs/jobs.controller.js';

/** The worker's Pub/Sub server: its request subscription, as configured. */
export function createPubSubServer(config: AppConfig): PubSubServer {
  const { pubsub } = config;
  return new PubSubServer({
    projectId: pubsub.projectId,
    emulatorHost: pubsub.emulatorHost,
    autoCreate: pubsub.autoCreate,
    shutdownGraceMs: config.shutdownGraceMs,
    subscriptions: pubsub.pullEnabled
      ? [
          {
            name: pubsub.subscription,
            topic: pubsub.topic,
            deadLetterTopic: pubsub.deadLetterTopic,
            maxDeliveryAttempts: pubsub.maxDeliveryAttempts,
            maxMessages: pubsub.maxMessages,
            // The old worker's publishers send {"job_type": ...} without a pattern.
            defaultPattern: LEGACY_JOB,
            // Backoff between redeliveries of a failed message, for subscriptions we create.
            retryPolicy: { minimumBackoffSeconds: 10, maximumBackoffSeconds: 600 },
          },
        ]
      : [],
  });
}

/** The push endpoint, when enabled: same handlers, verified OIDC token. */
export function pushEndpoints(config: AppConfig): PubSubPushEndpoint[] {
  const { push, pubsub } = config;
  if (!push.enabled) return [];
  return [
    {
      path: push.path,
      auth: push.authDisabled
        ? false
        : {
            audience: push.audience!,
            serviceAccountEmails: [...push.serviceAccounts],
            jwksUrl: push.jwksUrl,
          },
      deadLetterTopic: pubsub.deadLetterTopic,
      defaultPattern: LEGACY_JOB,
      subscription: 'push',
    },
  ];
}
