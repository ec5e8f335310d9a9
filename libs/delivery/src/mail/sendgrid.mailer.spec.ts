import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { PermanentDeliveryError, TransientDeliveryError } from './delivery.errors.js';
import type { OutgoingMail } from './mailer.js';
import { withRetry } from './retrying.mailer.js';
import { SendGridMailer } from './sendgrid.mailer.js';

const apiKey = 'SG.test-key.abcdefghijklmnop';
const pdfBytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x0d, 0x0a, 0xff]);
const xlsxBytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37) % 256));

/** A fresh mail each time: its stream attachment can be read only once. */
const report = (): OutgoingMail => ({
  from: 'Reports <reports@example.com>',
  to: ['follower@example.org'],
  cc: ['admin@example.com'],
  subject: 'Your report for 2026-11',
  text: 'Commission: 20.00',
  html: '<p>Commission: <b>20.00</b></p>',
  attachments: [
    { filename: 'report-2026-11.pdf', contentType: 'application/pdf', content: pdfBytes },
    {
      filename: 'report-2026-11.xlsx',
      contentType: 'application/vnd.ms-excel',
      content: Readable.from([xlsxBytes]),
    },
  ],
  idempotencyKey: 'monthly:follower-1:2026-11',
});

interface Captured {
  method?: string;
  path?: string;
  authorization?: string;
  body: unknown;
}

type Answer = (response: ServerResponse) => void;

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise<void>((done) => server.close(() => done()));
    }),
  );
});

/** A local stand-in for the Mail Send API that answers each request with the next scripted answer. */
async function startApi(...answers: Answer[]) {
  const requests: Captured[] = [];
  const server = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    requests.push({
      method: request.method,
      path: request.url,
      authorization: request.headers.authorization,
      body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
    });
    (answers[requests.length - 1] ?? accepted)(response);
  });
  servers.push(server);
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as { port: number };
  return { baseUrl: `http://127.0.0.1:${port}`, requests };
}

const accepted: Answer = (response) =>
  response.writeHead(202, { 'x-message-id': 'sg-message-1' }).end();

function answer(status: number, body: unknown, headers: Record<string, string> = {}): Answer {
  return (response) =>
    response
      .writeHead(status, { 'content-type': 'application/json', ...headers })
      .end(JSON.stringify(body));
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected the send to fail'),
    (error: unknown) => error,
  );
}

describe('SendGridMailer', () => {
  it('posts the mail to /v3/mail/send with the bearer key and reports the message id on 202', async () => {
    const api = await startApi(accepted);
    const mailer = new SendGridMailer({ apiKey: () => apiKey, baseUrl: `${api.baseUrl}/` });

    const result = await mailer.send(report());

    expect(result).toEqual({ messageId: 'sg-message-1', provider: 'sendgrid', attempts: 1 });
    const [request] = api.requests as [Captured];
    expect(request).toMatchObject({
      method: 'POST',
      path: '/v3/mail/send',
      authorization: `Bearer ${apiKey}`,
    });
    expect(request.body).toEqual({
      personalizations: [
        { to: [{ email: 'follower@example.org' }], cc: [{ email: 'admin@example.com' }] },
      ],
      from: { email: 'reports@example.com', name: 'Reports' },
      subject: 'Your report for 2026-11',
      content: [
        { type: 'text/plain', value: 'Commission: 20.00' },
        { type: 'text/html', value: '<p>Commission: <b>20.00</b></p>' },
      ],
      attachments: [
        {
          filename: 'report-2026-11.pdf',
          type: 'application/pdf',
          disposition: 'attachment',
          content: pdfBytes.toString('base64'),
        },
        {
          filename: 'report-2026-11.xlsx',
          type: 'application/vnd.ms-excel',
          disposition: 'attachment',
          content: xlsxBytes.toString('base64'),
        },
      ],
      headers: { 'X-Idempotency-Key': 'monthly:follower-1:2026-11' },
      custom_args: { idempotency_key: 'monthly:follower-1:2026-11' },
    });
  });

  it('leaves out cc and attachments when there are none', async () => {
    const api = await startApi(accepted);

    await new SendGridMailer({ apiKey: () => apiKey, baseUrl: api.baseUrl }).send({
      ...report(),
      cc: [],
      attachments: undefined,
      idempotencyKey: undefined,
    });

    const body = api.requests[0]!.body as Record<string, unknown>;
    expect(body.personalizations).toEqual([{ to: [{ email: 'follower@example.org' }] }]);
    expect(Object.keys(body)).toEqual(['personalizations', 'from', 'subject', 'content']);
  });

  it('waits out a 429 and succeeds on the next attempt', async () => {
    const api = await startApi(
      answer(429, { errors: [{ message: 'too many requests' }] }, { 'retry-after': '0' }),
      accepted,
    );
    const waits: number[] = [];
    const mailer = withRetry(new SendGridMailer({ apiKey: () => apiKey, baseUrl: api.baseUrl }), {
      baseDelayMs: 1,
      sleep: async (ms) => void waits.push(ms),
    });

    const result = await mailer.send(report());

    expect(result).toMatchObject({ provider: 'sendgrid', attempts: 2, messageId: 'sg-message-1' });
    expect(waits).toEqual([0]);
    // The stream attachment went out whole both times, though a stream can be read only once.
    for (const { body } of api.requests) {
      expect((body as { attachments: { content: string }[] }).attachments[1]!.content).toBe(
        xlsxBytes.toString('base64'),
      );
    }
  });

  it('treats a 5xx as transient', async () => {
    const api = await startApi(answer(503, { errors: [{ message: 'service unavailable' }] }));

    const error = await rejection(
      new SendGridMailer({ apiKey: () => apiKey, baseUrl: api.baseUrl }).send(report()),
    );

    expect(error).toBeInstanceOf(TransientDeliveryError);
    expect(error).toMatchObject({
      statusCode: 503,
      reason: 'SendGrid answered 503: service unavailable',
    });
  });

  it('fails permanently on a 400 with the API error text but never the key, and does not retry', async () => {
    const api = await startApi(
      answer(400, {
        errors: [
          {
            message: `The from address does not match a verified Sender Identity for key ${apiKey}`,
            field: 'from',
          },
        ],
      }),
    );
    const mailer = withRetry(new SendGridMailer({ apiKey: () => apiKey, baseUrl: api.baseUrl }), {
      baseDelayMs: 1,
    });

    const error = await rejection(mailer.send(report()));

    expect(error).toBeInstanceOf(PermanentDeliveryError);
    const { reason, message, stack, statusCode, attempts } = error as PermanentDeliveryError;
    expect({ statusCode, attempts }).toEqual({ statusCode: 400, attempts: 1 });
    expect(reason).toBe(
      'SendGrid answered 400: The from address does not match a verified Sender Identity for key [redacted] (from)',
    );
    for (const text of [reason, message, stack]) expect(text).not.toContain(apiKey);
    expect(api.requests).toHaveLength(1);
  });

  it('reads the key at every send, so a rotated key is used without a restart', async () => {
    const api = await startApi(accepted, accepted);
    let key = 'SG.old-key';
    const mailer = new SendGridMailer({ apiKey: () => key, baseUrl: api.baseUrl });

    await mailer.send(report());
    key = 'SG.new-key';
    await mailer.send({ ...report(), attachments: [] });

    expect(api.requests.map(({ authorization }) => authorization)).toEqual([
      'Bearer SG.old-key',
      'Bearer SG.new-key',
    ]);
  });

  it('treats an API that does not answer in time as transient', async () => {
    const api = await startApi(() => {});
    const mailer = new SendGridMailer({
      apiKey: () => apiKey,
      baseUrl: api.baseUrl,
      timeoutMs: 50,
    });

    const error = await rejection(mailer.send(report()));

    expect(error).toBeInstanceOf(TransientDeliveryError);
    expect((error as TransientDeliveryError).reason).toMatch(/^SendGrid unreachable: .*time/i);
  });

  it('treats an unreachable API as transient', async () => {
    const api = await startApi();
    await new Promise<void>((closed) => servers.pop()!.close(() => closed()));

    const error = await rejection(
      new SendGridMailer({ apiKey: () => apiKey, baseUrl: api.baseUrl }).send(report()),
    );

    expect(error).toBeInstanceOf(TransientDeliveryError);
    expect((error as TransientDeliveryError).reason).toMatch(/^SendGrid unreachable: fetch failed/);
  });
});
