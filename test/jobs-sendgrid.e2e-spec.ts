import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PubSub } from '@google-cloud/pubsub';
import { StructuredLogger } from '@lib/logging';
import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../apps/report-worker/src/bootstrap.js';
import { SuiteEnvironment } from './support/test-environment.js';
import { rawPubSub } from './support/transport-harness.js';

const API_KEY = 'SG.e2e-sendgrid-key-0f3a9c';

interface SendGridCall {
  path: string;
  authorization?: string;
  body: {
    personalizations: { to: { email: string }[]; cc?: { email: string }[] }[];
    from: { email: string };
    subject: string;
    content: { type: string; value: string }[];
    attachments?: { filename: string; type: string; content: string }[];
  };
}

/** Answers like SendGrid's v3 mail API: 429 the first time, then 202. */
async function startSendGrid(): Promise<{ server: Server; url: string; calls: SendGridCall[] }> {
  const calls: SendGridCall[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      calls.push({
        path: req.url ?? '',
        authorization: req.headers.authorization,
        body: JSON.parse(Buffer.concat(chunks).toString()),
      });
      if (calls.length === 1) {
        res
          .writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' })
          .end('{"errors":[{"message":"too many requests"}]}');
      } else {
        res.writeHead(202).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls };
}

describe('monthly report through the SendGrid HTTP API', () => {
  const suite = new SuiteEnvironment('jobs-sendgrid');
  const logs: string[] = [];
  let sendgrid: Awaited<ReturnType<typeof startSendGrid>>;
  let app: INestApplication;
  let pubsub: PubSub;

  beforeAll(async () => {
    sendgrid = await startSendGrid();
    const config = suite.config({
      EMAIL_TRANSPORT: 'sendgrid',
      SENDGRID_API_KEY: API_KEY,
      SENDGRID_BASE_URL: sendgrid.url,
      REPORT_SENDER_EMAIL: 'reports@copytrading.example',
      ADMIN_EMAIL: 'admin@copytrading.example',
      LOG_LEVEL: 'debug',
    });
    const logger = new StructuredLogger({
      format: 'json',
      level: 'debug',
      write: (line) => logs.push(line),
      redact: config.secrets.redactor.redact,
    });
    app = await createApp(config, logger);
    await app.init();
    const db = app.get<Connection>(getConnectionToken()).db!;
    await db
      .collection('followers')
      .insertOne({
        _id: 'f-dana' as never,
        email: 'dana@example.com',
        iban: 'NL91ABNA0417164300',
        commission_pct: 15,
        enabled: true,
      });
    await db
      .collection('daily_pnl')
      .insertOne({
        follower_id: 'f-dana',
        date: '20261105',
        total_pnl: 200,
        position_count: 3,
        calculated_at: new Date(),
      });
    pubsub = rawPubSub(suite);
  });

  afterAll(async () => {
    await pubsub?.close();
    await app?.close();
    sendgrid?.server.close();
  });

  it('retries a 429 and succeeds on 202, with a request SendGrid accepts, and never logs the key', async () => {
    await pubsub.topic(suite.name('requests')).publishMessage({
      data: Buffer.from(JSON.stringify({ period: '2026-11' })),
      attributes: { pattern: 'report.monthly' },
    });
    const db = app.get<Connection>(getConnectionToken()).db!;
    const deadline = Date.now() + 60_000;
    while (
      (
        await db
          .collection('report_sent')
          .findOne({ follower_id: 'f-dana', report_period: '2026-11' })
      )?.status !== 'sent'
    ) {
      if (Date.now() > deadline) throw new Error('the report was not sent');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    expect(sendgrid.calls).toHaveLength(2);
    const [, accepted] = sendgrid.calls;
    expect(accepted.path).toBe('/v3/mail/send');
    expect(accepted.authorization).toBe(`Bearer ${API_KEY}`);
    expect(accepted.body.personalizations[0]).toEqual({
      to: [{ email: 'dana@example.com' }],
      cc: [{ email: 'admin@copytrading.example' }],
    });
    expect(accepted.body.from.email).toBe('reports@copytrading.example');
    expect(accepted.body.subject).toBe('Copy Trading Monthly Report - 2026-11');
    expect(accepted.body.content.map((part) => part.type)).toEqual(['text/plain', 'text/html']);
    // 200 × 15 % = 30.00
    expect(accepted.body.content[0].value).toContain('commission €30.00');
    expect(accepted.body.attachments?.map((file) => file.type).sort()).toEqual([
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    expect(
      Buffer.from(
        accepted.body.attachments!.find((file) => file.type === 'application/pdf')!.content,
        'base64',
      )
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    expect(logs.join('\n')).not.toContain(API_KEY);
  });
});
