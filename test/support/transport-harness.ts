import { PubSub, type Message } from '@google-cloud/pubsub';
import { StructuredLogger } from '@lib/logging';
import {
  type PubSubPushEndpoint,
  PubSubServer,
  type PubSubServerOptions,
  PubSubTransportModule,
} from '@lib/pubsub-transport';
import { type INestApplication, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { SuiteEnvironment } from './test-environment.js';

export interface SettledEvent {
  messageId: string;
  pattern?: string;
  outcome: string;
  reason?: string;
}

export interface RunningTransport {
  app: INestApplication;
  server: PubSubServer;
  /** Every settlement, in order. */
  settled: SettledEvent[];
  /** Captured log lines (JSON). */
  logs: string[];
  close(): Promise<void>;
}

/**
 * An HTTP app with the Pub/Sub server connected as a microservice, the way the
 * worker runs it, with the given handler controllers.
 */
export async function startTransport(
  suite: SuiteEnvironment,
  controllers: Type<unknown>[],
  options: Omit<PubSubServerOptions, 'projectId' | 'emulatorHost'> & {
    push?: PubSubPushEndpoint[];
  } = {},
): Promise<RunningTransport> {
  const { push, ...serverOptions } = options;
  const server = new PubSubServer({
    projectId: suite.projectId,
    emulatorHost: suite.emulatorHost,
    ...serverOptions,
  });
  const settled: SettledEvent[] = [];
  server.on('settled', (event) => settled.push(event));

  @Module({ imports: [PubSubTransportModule.forRoot({ server, push })], controllers })
  class TransportTestModule {}

  const logs: string[] = [];
  const logger = new StructuredLogger({
    format: 'json',
    level: 'debug',
    write: (line) => logs.push(line),
  });
  const app = await NestFactory.create(TransportTestModule, { logger, abortOnError: false });
  app.connectMicroservice({ strategy: server }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.init();
  return { app, server, settled, logs, close: () => app.close() };
}

/** A raw client library connection to the emulator, for publishing and reading as a test. */
export function rawPubSub(suite: SuiteEnvironment): PubSub {
  return new PubSub({
    projectId: suite.projectId,
    apiEndpoint: suite.emulatorHost,
    emulatorMode: true,
  });
}

/** Creates a topic (if needed) and a subscription on it; returns their short names. */
export async function createSubscription(
  pubsub: PubSub,
  topic: string,
  subscription: string,
  options: Parameters<PubSub['createSubscription']>[2] = {},
): Promise<void> {
  const [exists] = await pubsub.topic(topic).exists();
  if (!exists) await pubsub.createTopic(topic);
  await pubsub.topic(topic).createSubscription(subscription, options);
}

/** Collects what arrives on a subscription (acking it) until `stop()`. */
export function collect(pubsub: PubSub, subscription: string) {
  const messages: Message[] = [];
  const reader = pubsub.subscription(subscription);
  reader.on('message', (message: Message) => {
    messages.push(message);
    message.ack();
  });
  return { messages, stop: () => reader.close() };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
