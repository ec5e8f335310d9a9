import { type Message, PubSub, type Subscription } from '@google-cloud/pubsub';

/** A client-library connection to the emulator, for the benchmark's own publishing and reading. */
export function emulatorClient(emulatorHost: string, projectId: string): PubSub {
  return new PubSub({
    projectId,
    apiEndpoint: emulatorHost,
    emulatorMode: true,
    enableOpenTelemetryTracing: false,
  });
}

export async function ensureTopic(pubsub: PubSub, name: string): Promise<void> {
  const [exists] = await pubsub.topic(name).exists();
  if (!exists)
    await pubsub.createTopic(name).catch((error: { code?: number }) => {
      // Someone (the worker) created it meanwhile.
      if (error.code !== 6) throw error;
    });
}

export async function createSubscription(
  pubsub: PubSub,
  topic: string,
  name: string,
): Promise<void> {
  await ensureTopic(pubsub, topic);
  await pubsub.topic(topic).createSubscription(name, { ackDeadlineSeconds: 60 });
}

/**
 * Publishes `count` messages of `bytes` bytes of JSON each, with the pattern
 * attribute, in batches of up to 1,000 messages; resolves once all are stored.
 */
export async function publishMany(
  pubsub: PubSub,
  topicName: string,
  { count, bytes, pattern }: { count: number; bytes: number; pattern: string },
): Promise<void> {
  const topic = pubsub.topic(topicName, {
    batching: { maxMessages: 1_000, maxMilliseconds: 20, maxBytes: 9 * 1024 * 1024 },
  });
  const inFlightLimit = 5_000;
  let pending: Promise<string>[] = [];
  for (let n = 0; n < count; n++) {
    pending.push(topic.publishMessage({ data: jsonOfSize(n, bytes), attributes: { pattern } }));
    if (pending.length >= inFlightLimit) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
  await topic.flush();
}

/** `{"seq":n,"pad":"xx…"}` padded to exactly `bytes` bytes. */
function jsonOfSize(seq: number, bytes: number): Buffer {
  const bare = JSON.stringify({ seq, pad: '' });
  return Buffer.from(JSON.stringify({ seq, pad: 'x'.repeat(Math.max(0, bytes - bare.length)) }));
}

export interface ReportEventBody {
  event: string;
  runId: string;
  idempotencyKey: string;
  status: string;
  rowCount?: number;
  durationMs?: number;
  files?: { format: string; bytes: number }[];
  error?: { code: string; message: string };
}

/**
 * Reads the results topic and hands each run's first `report.completed` /
 * `report.failed` event to whoever waits for its idempotency key.
 */
export class ResultEvents {
  private readonly waiting = new Map<
    string,
    (event: ReportEventBody, receivedAt: number) => void
  >();
  private readonly arrived = new Map<string, { event: ReportEventBody; receivedAt: number }>();

  private constructor(private readonly subscription: Subscription) {
    subscription.on('message', (message: Message) => {
      const receivedAt = performance.now();
      message.ack();
      const event = JSON.parse(message.data.toString()) as ReportEventBody;
      if (this.arrived.has(event.idempotencyKey)) return;
      this.arrived.set(event.idempotencyKey, { event, receivedAt });
      this.waiting.get(event.idempotencyKey)?.(event, receivedAt);
    });
  }

  static async open(pubsub: PubSub, topic: string, subscription: string): Promise<ResultEvents> {
    await createSubscription(pubsub, topic, subscription);
    return new ResultEvents(
      pubsub.subscription(subscription, { flowControl: { maxMessages: 1_000 } }),
    );
  }

  /** The event of a run, with the `performance.now()` it arrived at. */
  next(
    idempotencyKey: string,
    timeoutMs: number,
  ): Promise<{ event: ReportEventBody; receivedAt: number }> {
    const already = this.arrived.get(idempotencyKey);
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(idempotencyKey);
        reject(
          new Error(
            `no result event for ${idempotencyKey} within ${Math.round(timeoutMs / 1_000)} s`,
          ),
        );
      }, timeoutMs);
      this.waiting.set(idempotencyKey, (event, receivedAt) => {
        clearTimeout(timer);
        this.waiting.delete(idempotencyKey);
        resolve({ event, receivedAt });
      });
    });
  }

  async close(): Promise<void> {
    await this.subscription.close();
  }
}
