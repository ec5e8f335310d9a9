import { PubSub, type Message } from '@google-cloud/pubsub';
import { afterAll, describe, expect, it } from 'vitest';
import { SuiteEnvironment } from './support/test-environment.js';

describe('test harness: Pub/Sub emulator', () => {
  const suite = new SuiteEnvironment('harness');
  const pubsub = new PubSub({
    projectId: suite.projectId,
    apiEndpoint: suite.emulatorHost,
    emulatorMode: true,
  });

  afterAll(async () => {
    await pubsub.close();
  });

  it('round-trips one message through a topic and subscription created by the test', async () => {
    const [topic] = await pubsub.createTopic(suite.name('harness'));
    const [subscription] = await topic.createSubscription(suite.name('harness-sub'));

    const received = new Promise<Message>((resolve, reject) => {
      subscription.on('message', (message: Message) => {
        message.ack();
        resolve(message);
      });
      subscription.on('error', reject);
    });
    const messageId = await topic.publishMessage({
      data: Buffer.from('{"hello":"world"}'),
      attributes: { pattern: 'harness.check' },
    });
    const message = await received;
    await subscription.close();

    expect(message.id).toBe(messageId);
    expect(JSON.parse(message.data.toString())).toEqual({ hello: 'world' });
    expect(message.attributes).toEqual({ pattern: 'harness.check' });
  });
});
