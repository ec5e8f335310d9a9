'use strict';
/**
 * The same consumer as bench/cases/transport-consumer.case.ts, with
 * nestjs-google-pubsub-microservice's GCPubSubServer as the transport, on the
 * Nest 10 and @google-cloud/pubsub 4 it supports (installed in this folder's
 * own node_modules). Plain CommonJS, decorators applied by hand, so it needs
 * no build and stays outside the main TypeScript project.
 *
 * Usage: node --expose-gc nestjs-google-pubsub.consumer.cjs '<ConsumerSettings as JSON>'
 * Sends { kind: 'result', result } (or { kind: 'failure', error }) to the parent over IPC.
 */
require('reflect-metadata');
const { Duration } = require('@google-cloud/pubsub');
const { Controller, Module } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const { EventPattern } = require('@nestjs/microservices');
const { GCPubSubServer } = require('nestjs-google-pubsub-microservice');

/** Same window as the TypeScript cases' ResourceMeter (bench/support/resource-meter.ts). */
function openMeter() {
  if (typeof globalThis.gc === 'function') globalThis.gc();
  const startedAt = performance.now();
  const cpuAtStart = process.cpuUsage();
  const rssAtStartBytes = process.memoryUsage.rss();
  return () => {
    const elapsedMs = performance.now() - startedAt;
    const cpu = process.cpuUsage(cpuAtStart);
    const rssAtEndBytes = process.memoryUsage.rss();
    const peakRssBytes = process.resourceUsage().maxRSS * 1024;
    if (typeof globalThis.gc === 'function') globalThis.gc();
    return {
      elapsedMs,
      cpuUserMs: cpu.user / 1000,
      cpuSystemMs: cpu.system / 1000,
      cpuMs: (cpu.user + cpu.system) / 1000,
      rssAtStartBytes,
      rssAtEndBytes,
      peakRssBytes,
      heapUsedAfterGcBytes: process.memoryUsage().heapUsed,
    };
  };
}

async function consume(settings) {
  // The client library of this folder reads the emulator from the environment.
  process.env.PUBSUB_EMULATOR_HOST = settings.emulatorHost;
  const seen = new Set();
  let handled = 0;
  let duplicates = 0;
  let resolveDone;
  const done = new Promise((resolve) => (resolveDone = resolve));

  class BenchHandler {
    // The trivial handler, like ours: no parameter decorators.
    handle() {
      // GCPubSubServer acks right after the handler's promise settles: let it.
      if (++handled === settings.messages) setImmediate(resolveDone);
    }
  }
  Reflect.decorate(
    [EventPattern(settings.pattern)],
    BenchHandler.prototype,
    'handle',
    Object.getOwnPropertyDescriptor(BenchHandler.prototype, 'handle'),
  );
  const Handler = Reflect.decorate([Controller()], BenchHandler);
  class BenchModule {}
  const AppModule = Reflect.decorate([Module({ controllers: [Handler] })], BenchModule);

  const server = new GCPubSubServer({
    topic: settings.topic,
    subscription: settings.subscription,
    client: { projectId: settings.projectId },
    init: false,
    checkExistence: true,
    noAck: true,
    subscriber: {
      flowControl: { maxMessages: settings.maxMessages, allowExcessMessages: false, maxExtensionMinutes: 60 },
      minAckDeadline: Duration.from({ seconds: 60 }),
      streamingOptions: { maxStreams: 1 },
    },
  });
  const app = await NestFactory.createMicroservice(AppModule, { strategy: server, logger: ['error', 'warn'] });
  await app.init();
  const closeMeter = openMeter();
  await app.listen();
  // Redeliveries, counted from the library's own event (attached before any message can arrive).
  server.subscription.on('message', (message) => {
    if (seen.has(message.id)) duplicates++;
    else seen.add(message.id);
  });
  await done;
  const window = closeMeter();
  await app.close();
  return { consumer: 'nestjs-google-pubsub-microservice', window, acked: handled, duplicates, notAcked: 0 };
}

function send(message) {
  if (!process.send) {
    process.stdout.write(`${JSON.stringify(message, null, 2)}\n`);
    return Promise.resolve();
  }
  return new Promise((resolve) => process.send(message, () => resolve()));
}

consume(JSON.parse(process.argv[2] || '{}'))
  .then((result) => send({ kind: 'result', result }))
  .catch((error) => {
    process.exitCode = 1;
    return send({ kind: 'failure', error: error && error.stack ? error.stack : String(error) });
  })
  .finally(() => {
    setTimeout(() => process.exit(), 100).unref();
    if (process.disconnect) process.disconnect();
  });
