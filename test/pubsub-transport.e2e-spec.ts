import type { PubSub } from '@google-cloud/pubsub';
import { PermanentError, PubSubClient, PubSubContext, PubSubRecord } from '@lib/pubsub-transport';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SuiteEnvironment } from './support/test-environment.js';
import {
  collect,
  createSubscription,
  rawPubSub,
  type RunningTransport,
  sleep,
  startTransport,
} from './support/transport-harness.js';

const suite = new SuiteEnvironment('transport');
let pubsub: PubSub;
const transports: RunningTransport[] = [];

beforeAll(() => {
  pubsub = rawPubSub(suite);
});

afterEach(async () => {
  await Promise.all(transports.splice(0).map((transport) => transport.close()));
});

afterAll(async () => {
  await pubsub.close();
});

async function start(...args: Parameters<typeof startTransport>): Promise<RunningTransport> {
  const transport = await startTransport(...args);
  transports.push(transport);
  return transport;
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('settlement', () => {
  it('redelivers the message of a throwing handler and acks it once the handler succeeds', async () => {
    const calls: { id: string; attempt: number }[] = [];
    @Controller()
    class FlakyHandler {
      @EventPattern<string>('flaky.job')
      handle(@Payload() data: { n: number }, @Ctx() context: PubSubContext) {
        calls.push({ id: context.getMessage().id, attempt: calls.length + 1 });
        if (calls.length === 1) throw new Error('database briefly unavailable');
        return data.n;
      }
    }
    const topic = suite.name('flaky');
    const transport = await start(suite, [FlakyHandler], {
      subscriptions: [{ name: suite.name('flaky-sub'), topic }],
    });

    const messageId = await pubsub
      .topic(topic)
      .publishMessage({ data: json({ n: 1 }), attributes: { pattern: 'flaky.job' } });

    await expect
      .poll(() => transport.settled.map((event) => event.outcome), { timeout: 20_000 })
      .toEqual(['nacked', 'acked']);
    expect(calls.map((call) => call.id)).toEqual([messageId, messageId]);
    expect(transport.settled[0]).toMatchObject({
      messageId,
      pattern: 'flaky.job',
      reason: 'Internal server error',
    });
    // Acked means gone: nothing comes back.
    await sleep(2_000);
    expect(calls).toHaveLength(2);
  });

  it('lands non-JSON data and an unknown pattern on the dead-letter topic with the reason, without calling a handler', async () => {
    const handled: unknown[] = [];
    @Controller()
    class KnownHandler {
      @EventPattern<string>('known.job')
      handle(@Payload() data: unknown) {
        handled.push(data);
      }
    }
    const topic = suite.name('poison');
    const deadLetterTopic = suite.name('poison-dlq');
    const transport = await start(suite, [KnownHandler], {
      subscriptions: [{ name: suite.name('poison-sub'), topic, deadLetterTopic }],
    });
    await createSubscription(pubsub, deadLetterTopic, suite.name('poison-dlq-reader'));
    const deadLetters = collect(pubsub, suite.name('poison-dlq-reader'));

    const notJson = await pubsub
      .topic(topic)
      .publishMessage({ data: Buffer.from('<xml/>'), attributes: { pattern: 'known.job' } });
    const unknown = await pubsub
      .topic(topic)
      .publishMessage({ data: json({ a: 1 }), attributes: { pattern: 'nobody.listens' } });

    await expect.poll(() => deadLetters.messages.length, { timeout: 20_000 }).toBe(2);
    await sleep(1_500);
    await deadLetters.stop();

    const byOriginal = Object.fromEntries(
      deadLetters.messages.map((m) => [m.attributes['x-original-message-id'], m]),
    );
    expect(byOriginal[notJson].attributes).toMatchObject({
      'x-error': expect.stringContaining('Message data is not JSON'),
      'x-pattern': '',
      'x-delivery-attempt': '1',
      'x-subscription': suite.name('poison-sub'),
    });
    expect(byOriginal[notJson].data.toString()).toBe('<xml/>');
    expect(byOriginal[unknown].attributes).toMatchObject({
      'x-error': 'UNKNOWN_PATTERN: No handler for pattern "nobody.listens"',
      'x-pattern': 'nobody.listens',
      pattern: 'nobody.listens',
    });
    expect(handled).toEqual([]);
    expect(transport.settled.map((event) => event.outcome)).toEqual([
      'dead-lettered',
      'dead-lettered',
    ]);
  });

  it('dead-letters a handler that throws PermanentError, and nacks (logging an error) where no dead-letter topic is set', async () => {
    let calls = 0;
    @Controller()
    class RejectingHandler {
      @EventPattern<string>('rejects')
      handle() {
        calls++;
        throw new PermanentError('definition "x" does not exist', 'UNKNOWN_DEFINITION');
      }
    }
    const topic = suite.name('permanent');
    const transport = await start(suite, [RejectingHandler], {
      subscriptions: [{ name: suite.name('permanent-sub'), topic }],
    });

    await pubsub
      .topic(topic)
      .publishMessage({ data: json({}), attributes: { pattern: 'rejects' } });

    await expect
      .poll(() => transport.settled.length, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(1);
    expect(transport.settled[0]).toMatchObject({
      outcome: 'nacked',
      reason: 'UNKNOWN_DEFINITION: definition "x" does not exist',
    });
    const errors = transport.logs
      .map((line) => JSON.parse(line))
      .filter((line) => line.severity === 'ERROR');
    expect(errors.some((line) => /no dead-letter topic is configured/.test(line.message))).toBe(
      true,
    );
    expect(calls).toBeGreaterThanOrEqual(1);
  });
});

describe('graceful shutdown', () => {
  it('lets a running 2 s handler finish on close(), acks it, and a fresh subscriber never sees it again', async () => {
    let started = false;
    let finished = false;
    @Controller()
    class SlowHandler {
      @EventPattern<string>('slow.job')
      async handle() {
        started = true;
        await sleep(2_000);
        finished = true;
      }
    }
    const topic = suite.name('slow');
    const subscription = suite.name('slow-sub');
    await createSubscription(pubsub, topic, subscription, { ackDeadlineSeconds: 10 });
    const transport = await startTransport(suite, [SlowHandler], {
      subscriptions: [{ name: subscription, topic, ackDeadlineSeconds: 10 }],
      shutdownGraceMs: 8_000,
    });
    await pubsub
      .topic(topic)
      .publishMessage({ data: json({}), attributes: { pattern: 'slow.job' } });
    await expect.poll(() => started, { timeout: 20_000 }).toBe(true);

    const closedAt = Date.now();
    await transport.close();

    expect(finished).toBe(true);
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(1_000);
    expect(transport.settled.map((event) => event.outcome)).toEqual(['acked']);

    // Past the 10 s ack deadline, an unacked message would be redelivered.
    const fresh = collect(pubsub, subscription);
    await sleep(12_000);
    await fresh.stop();
    expect(fresh.messages).toHaveLength(0);
  });
});

describe('graceful shutdown with a backlog', () => {
  it('gives back messages still queued behind flow control at once, so none is lost and close() does not wait out the grace period', async () => {
    const handled: number[] = [];
    @Controller()
    class OneAtATime {
      @EventPattern<string>('backlog.job')
      async handle(@Payload() data: { n: number }) {
        await sleep(300);
        handled.push(data.n);
      }
    }
    const topic = suite.name('backlog');
    const subscription = suite.name('backlog-sub');
    await createSubscription(pubsub, topic, subscription, { ackDeadlineSeconds: 10 });
    await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        pubsub
          .topic(topic)
          .publishMessage({ data: json({ n }), attributes: { pattern: 'backlog.job' } }),
      ),
    );
    const transport = await startTransport(suite, [OneAtATime], {
      autoCreate: false,
      subscriptions: [{ name: subscription, topic, maxMessages: 1 }],
      shutdownGraceMs: 8_000,
    });
    await expect.poll(() => handled.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);

    const closedAt = Date.now();
    await transport.close();
    // Far less than the 8 s grace: nothing was left to wait for once the running handler finished.
    expect(Date.now() - closedAt).toBeLessThan(4_000);

    const fresh = collect(pubsub, subscription);
    await expect.poll(() => fresh.messages.length + handled.length, { timeout: 20_000 }).toBe(10);
    await sleep(1_000);
    await fresh.stop();
    const redelivered = fresh.messages.map(
      (message) => (JSON.parse(message.data.toString()) as { n: number }).n,
    );
    expect([...handled, ...redelivered].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 10 }, (_, n) => n),
    );
  });
});

describe('flow control', () => {
  it('never runs more than maxMessages handlers at once under 50 queued messages', async () => {
    let running = 0;
    let peak = 0;
    let done = 0;
    @Controller()
    class CountingHandler {
      @EventPattern<string>('count.job')
      async handle() {
        running++;
        peak = Math.max(peak, running);
        await sleep(40);
        running--;
        done++;
      }
    }
    const topic = suite.name('flow');
    const subscription = suite.name('flow-sub');
    await createSubscription(pubsub, topic, subscription);
    await Promise.all(
      Array.from({ length: 50 }, (_, n) =>
        pubsub
          .topic(topic)
          .publishMessage({ data: json({ n }), attributes: { pattern: 'count.job' } }),
      ),
    );
    await start(suite, [CountingHandler], {
      autoCreate: false,
      subscriptions: [{ name: subscription, topic, maxMessages: 3 }],
    });

    await expect.poll(() => done, { timeout: 30_000 }).toBe(50);
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBe(3);
  });
});

describe('routing', () => {
  it('routes two subscriptions of one server to their own handlers, and delivers an ordering key in order', async () => {
    const invoices: number[] = [];
    const orders: { n: number; key?: string }[] = [];
    @Controller()
    class Handlers {
      @EventPattern<string>('invoice.created')
      invoice(@Payload() data: { n: number }) {
        invoices.push(data.n);
      }

      @EventPattern<string>('order.step')
      async order(@Payload() data: { n: number }, @Ctx() context: PubSubContext) {
        await sleep(Math.random() * 10);
        orders.push({ n: data.n, key: context.getOrderingKey() });
      }
    }
    const invoiceTopic = suite.name('invoices');
    const orderTopic = suite.name('orders');
    await start(suite, [Handlers], {
      subscriptions: [
        { name: suite.name('invoices-sub'), topic: invoiceTopic },
        { name: suite.name('orders-sub'), topic: orderTopic, enableMessageOrdering: true },
      ],
    });

    const ordered = pubsub.topic(orderTopic, { messageOrdering: true });
    for (let n = 0; n < 20; n++) {
      void ordered.publishMessage({
        data: json({ n }),
        attributes: { pattern: 'order.step' },
        orderingKey: 'account-7',
      });
    }
    await ordered.flush();
    await pubsub
      .topic(invoiceTopic)
      .publishMessage({ data: json({ n: 1 }), attributes: { pattern: 'invoice.created' } });

    await expect.poll(() => orders.length + invoices.length, { timeout: 20_000 }).toBe(21);
    expect(invoices).toEqual([1]);
    expect(orders.map((order) => order.n)).toEqual(Array.from({ length: 20 }, (_, n) => n));
    expect(new Set(orders.map((order) => order.key))).toEqual(new Set(['account-7']));
  });

  it("reads Nest's {pattern, data} body and a subscription's default pattern when no attribute is set", async () => {
    const seen: { pattern: string; data: unknown }[] = [];
    @Controller()
    class Handlers {
      @EventPattern<string>('legacy.job')
      legacy(@Payload() data: unknown, @Ctx() context: PubSubContext) {
        seen.push({ pattern: context.getPattern(), data });
      }
    }
    const topic = suite.name('legacy');
    await start(suite, [Handlers], {
      subscriptions: [{ name: suite.name('legacy-sub'), topic, defaultPattern: 'legacy.job' }],
    });

    await pubsub
      .topic(topic)
      .publishMessage({ data: json({ pattern: 'legacy.job', data: { via: 'body' } }) });
    await pubsub.topic(topic).publishMessage({ data: json({ job_type: 'daily' }) });

    await expect.poll(() => seen.length, { timeout: 20_000 }).toBe(2);
    expect(seen).toEqual(
      expect.arrayContaining([
        { pattern: 'legacy.job', data: { via: 'body' } },
        { pattern: 'legacy.job', data: { job_type: 'daily' } },
      ]),
    );
  });
});

describe('client', () => {
  it('round-trips a request through PubSubClient.send() to a @MessagePattern handler, with traceparent in the context', async () => {
    const traceParents: (string | undefined)[] = [];
    @Controller()
    class MathHandler {
      @MessagePattern<string>('math.sum')
      sum(@Payload() numbers: number[], @Ctx() context: PubSubContext) {
        traceParents.push(context.getTraceParent());
        return numbers.reduce((a, b) => a + b, 0);
      }

      @MessagePattern<string>('math.fail')
      fail() {
        throw new PermanentError('cannot divide by zero', 'DIVIDE_BY_ZERO');
      }
    }
    const topic = suite.name('math');
    await start(suite, [MathHandler], { subscriptions: [{ name: suite.name('math-sub'), topic }] });
    const client = new PubSubClient({
      projectId: suite.projectId,
      emulatorHost: suite.emulatorHost,
      topic,
      replyTopic: suite.name('math-replies'),
      requestTimeoutMs: 20_000,
    });
    try {
      const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
      const sum = await firstValueFrom(
        client.send<number>(
          'math.sum',
          new PubSubRecord([1, 2, 39], { attributes: { traceparent } }),
        ),
      );
      expect(sum).toBe(42);
      expect(traceParents).toEqual([traceparent]);

      await expect(firstValueFrom(client.send('math.fail', {}))).rejects.toMatchObject({
        permanent: true,
        code: 'DIVIDE_BY_ZERO',
        message: 'cannot divide by zero',
      });

      await firstValueFrom(client.emit('math.sum', [1]));
      await expect.poll(() => traceParents.length, { timeout: 20_000 }).toBe(2);
      expect(traceParents[1]).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    } finally {
      await client.close();
    }
  });
});

describe('manual settlement', () => {
  it('lets a handler settle through the context: ack, nack (redelivered) and dead-letter', async () => {
    const attempts = new Map<string, number>();
    @Controller()
    class ManualHandler {
      @EventPattern<string>('manual.job')
      handle(@Payload() data: { action: string }, @Ctx() context: PubSubContext) {
        const attempt = (attempts.get(data.action) ?? 0) + 1;
        attempts.set(data.action, attempt);
        if (data.action === 'ack') context.ack();
        if (data.action === 'retry-once') {
          if (attempt === 1) context.nack('not yet');
          else context.ack();
        }
        if (data.action === 'reject') context.deadLetter('never valid');
        // Returning without an error does not ack in manual mode.
      }
    }
    const topic = suite.name('manual');
    const deadLetterTopic = suite.name('manual-dlq');
    const transport = await start(suite, [ManualHandler], {
      manualAck: true,
      subscriptions: [{ name: suite.name('manual-sub'), topic, deadLetterTopic }],
    });

    for (const action of ['ack', 'retry-once', 'reject']) {
      await pubsub
        .topic(topic)
        .publishMessage({ data: json({ action }), attributes: { pattern: 'manual.job' } });
    }

    await expect.poll(() => transport.settled.length, { timeout: 20_000 }).toBe(4);
    expect(Object.fromEntries(attempts)).toEqual({ ack: 1, 'retry-once': 2, reject: 1 });
    expect(
      transport.settled.map((event) => `${event.outcome}:${event.reason ?? ''}`).sort(),
    ).toEqual(['acked:', 'acked:', 'dead-lettered:never valid', 'nacked:not yet'].sort());
  });
});
