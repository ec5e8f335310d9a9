import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  type DeliveryError,
  PermanentDeliveryError,
  TransientDeliveryError,
} from './delivery.errors.js';
import type { Mailer, OutgoingMail, SendResult } from './mailer.js';
import { withRetry } from './retrying.mailer.js';

const mail: OutgoingMail = {
  from: 'reports@example.com',
  to: ['f@example.org'],
  subject: 's',
  text: 't',
  html: '<p>t</p>',
};
const delivered: SendResult = { provider: 'smtp', messageId: 'm-1', attempts: 1 };

/** A mailer that fails with the scripted errors, in order, then delivers. */
function scripted(...failures: Error[]) {
  const sent: OutgoingMail[] = [];
  const mailer: Mailer = {
    send: async (outgoing) => {
      sent.push(outgoing);
      const failure = failures.shift();
      if (failure) throw failure;
      return delivered;
    },
  };
  return { mailer, sent };
}

const busy = () => new TransientDeliveryError('smtp', '451 try again', 451);
const rejected = () => new PermanentDeliveryError('smtp', '550 no such user', 550);

async function rejection(promise: Promise<unknown>): Promise<DeliveryError> {
  return promise.then(
    () => expect.fail('expected the send to fail'),
    (error: DeliveryError) => error,
  );
}

describe('withRetry', () => {
  it('retries transient failures and reports how many sends it took', async () => {
    const { mailer, sent } = scripted(busy(), busy());
    const result = await withRetry(mailer, { sleep: async () => {} }).send(mail);
    expect(result).toEqual({ ...delivered, attempts: 3 });
    expect(sent).toHaveLength(3);
  });

  it('waits a random time under a ceiling that doubles from the base delay up to the maximum', async () => {
    const waits: number[] = [];
    const { mailer } = scripted(busy(), busy(), busy(), busy(), busy(), busy());
    await withRetry(mailer, {
      attempts: 7,
      baseDelayMs: 100,
      maxDelayMs: 1000,
      sleep: async (ms) => void waits.push(ms),
    }).send(mail);
    const ceilings = [100, 200, 400, 800, 1000, 1000];
    expect(waits).toHaveLength(ceilings.length);
    waits.forEach((wait, i) => {
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThanOrEqual(ceilings[i]!);
    });
  });

  it('rethrows the transient error after the last attempt, with the attempts made', async () => {
    const last = busy();
    const { mailer, sent } = scripted(busy(), busy(), last);
    const error = await rejection(
      withRetry(mailer, { attempts: 3, sleep: async () => {} }).send(mail),
    );
    expect(error).toBe(last);
    expect(error.attempts).toBe(3);
    expect(sent).toHaveLength(3);
  });

  it('stops at the first permanent failure', async () => {
    const { mailer, sent } = scripted(busy(), rejected());
    const error = await rejection(withRetry(mailer, { sleep: async () => {} }).send(mail));
    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect(error.attempts).toBe(2);
    expect(sent).toHaveLength(2);
  });

  it('does not retry an error that is not a delivery failure', async () => {
    const { mailer, sent } = scripted(new TypeError('bug'));
    await expect(withRetry(mailer, { sleep: async () => {} }).send(mail)).rejects.toThrow(
      TypeError,
    );
    expect(sent).toHaveLength(1);
  });

  it.each([
    { retryAfterMs: 0, waits: [0] },
    { retryAfterMs: 2000, waits: [2000] },
    { retryAfterMs: 30_000, waits: [30_000] },
  ])('waits exactly the $retryAfterMs ms a 429 asked for', async ({ retryAfterMs, waits }) => {
    const slept: number[] = [];
    const { mailer } = scripted(new TransientDeliveryError('sendgrid', '429', 429, retryAfterMs));
    await withRetry(mailer, { sleep: async (ms) => void slept.push(ms) }).send(mail);
    expect(slept).toEqual(waits);
  });

  it('gives up at once when a 429 asks for a longer wait than the maximum delay, so the job is redelivered later', async () => {
    const slept: number[] = [];
    const { mailer, sent } = scripted(
      new TransientDeliveryError('sendgrid', '429', 429, 3_600_000),
    );
    const error = await rejection(
      withRetry(mailer, { sleep: async (ms) => void slept.push(ms) }).send(mail),
    );
    expect(error).toBeInstanceOf(TransientDeliveryError);
    expect(slept).toEqual([]);
    expect(sent).toHaveLength(1);
  });

  it('sends the same bytes of a stream attachment on every attempt', async () => {
    const { mailer, sent } = scripted(busy());
    const bytes = Buffer.from('%PDF-1.7 binary \x00\xff');
    await withRetry(mailer, { sleep: async () => {} }).send({
      ...mail,
      attachments: [
        { filename: 'r.pdf', contentType: 'application/pdf', content: Readable.from([bytes]) },
      ],
    });
    expect(sent.map(({ attachments }) => attachments![0]!.content)).toEqual([bytes, bytes]);
  });

  it.each([0, 1.5, -1])('refuses %s attempts', (attempts) => {
    expect(() => withRetry(scripted().mailer, { attempts })).toThrow(RangeError);
  });
});
