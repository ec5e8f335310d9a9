import 'reflect-metadata';
import { Duration, type Message, PubSub, type SubscriberOptions } from '@google-cloud/pubsub';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, type MicroserviceOptions } from '@nestjs/microservices';
import { PUBSUB_TRANSPORT, PubSubServer } from '../../libs/pubsub-transport/src/index.js';
import { ResourceMeter, type ResourceWindow, runAsCase } from '../support/resource-meter.js';

/**
 * One consumer of a subscription that holds `messages` pre-published
 * messages: our `PubSubServer` in a minimal Nest microservice, or a bare
 * client-library subscriber. Measures from the moment it starts consuming
 * until the last message is acked.
 *
 * Usage: transport-consumer.case.js ours|bare '<ConsumerSettings as JSON>'
 */
export interface ConsumerSettings {
  emulatorHost: string;
  projectId: string;
  subscription: string;
  /** The subscription's topic; only the third-party transport uses it (it checks that it exists). */
  topic: string;
  pattern: string;
  messages: number;
  maxMessages: number;
}

export interface ConsumerResult {
  consumer: string;
  window: ResourceWindow;
  acked: number;
  /** Deliveries of a message already seen (redeliveries); 0 in a clean run. */
  duplicates: number;
  /** Settlements other than an ack (ours only). */
  notAcked: number;
}

/** The subscriber options our server gives every subscription, for the bare side to match. */
function subscriberOptions(maxMessages: number): SubscriberOptions {
  return {
    flowControl: { maxMessages, allowExcessMessages: false },
    minAckDeadline: Duration.from({ seconds: 60 }),
    maxExtensionTime: Duration.from({ seconds: 3_600 }),
    streamingOptions: { maxStreams: 1 },
  };
}

class Tally {
  readonly seen = new Set<string>();
  acked = 0;
  duplicates = 0;
  notAcked = 0;
  private resolveDone!: () => void;
  readonly done = new Promise<void>((resolve) => (this.resolveDone = resolve));

  constructor(private readonly expected: number) {}

  delivered(id: string): void {
    if (this.seen.has(id)) this.duplicates++;
    else this.seen.add(id);
  }

  ackedOne(): void {
    if (++this.acked === this.expected) this.resolveDone();
  }
}

async function consumeWithOurServer(settings: ConsumerSettings): Promise<ConsumerResult> {
  const tally = new Tally(settings.messages);

  @Controller()
  class BenchHandler {
    // The trivial handler: the cost measured is the transport's.
    @EventPattern(settings.pattern, PUBSUB_TRANSPORT)
    handle(_data: unknown): void {}
  }

  @Module({ controllers: [BenchHandler] })
  class BenchModule {}

  const server = new PubSubServer({
    projectId: settings.projectId,
    emulatorHost: settings.emulatorHost,
    autoCreate: false,
    subscriptions: [{ name: settings.subscription, maxMessages: settings.maxMessages }],
  });
  server.on('settled', ({ messageId, outcome }) => {
    tally.delivered(messageId);
    if (outcome === 'acked') tally.ackedOne();
    else tally.notAcked++;
  });
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(BenchModule, {
    strategy: server,
    logger: ['error', 'warn'],
  });
  await app.init();
  const meter = ResourceMeter.open();
  await app.listen();
  await tally.done;
  const window = meter.close();
  await app.close();
  return {
    consumer: 'ours',
    window,
    acked: tally.acked,
    duplicates: tally.duplicates,
    notAcked: tally.notAcked,
  };
}

async function consumeBare(settings: ConsumerSettings): Promise<ConsumerResult> {
  const tally = new Tally(settings.messages);
  const pubsub = new PubSub({
    projectId: settings.projectId,
    apiEndpoint: settings.emulatorHost,
    emulatorMode: true,
    enableOpenTelemetryTracing: false,
  });
  const meter = ResourceMeter.open();
  const subscription = pubsub.subscription(
    settings.subscription,
    subscriberOptions(settings.maxMessages),
  );
  subscription.on('message', (message: Message) => {
    tally.delivered(message.id);
    message.ack();
    tally.ackedOne();
  });
  subscription.on('error', (error: Error) => {
    process.stderr.write(`subscription error: ${error.message}\n`);
  });
  await tally.done;
  const window = meter.close();
  await subscription.close();
  await pubsub.close();
  return {
    consumer: 'bare',
    window,
    acked: tally.acked,
    duplicates: tally.duplicates,
    notAcked: 0,
  };
}

const [mode, json] = process.argv.slice(2);
runAsCase(async () => {
  const settings = JSON.parse(json ?? '{}') as ConsumerSettings;
  if (mode === 'ours') return consumeWithOurServer(settings);
  if (mode === 'bare') return consumeBare(settings);
  throw new Error(`unknown consumer "${mode}": expected ours or bare`);
});
