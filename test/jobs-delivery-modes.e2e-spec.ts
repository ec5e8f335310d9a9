import type { PubSub } from '@google-cloud/pubsub';
import { StructuredLogger } from '@lib/logging';
import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../apps/report-worker/src/bootstrap.js';
import { SmtpSink } from './support/smtp-sink.js';
import { SuiteEnvironment } from './support/test-environment.js';
import { rawPubSub } from './support/transport-harness.js';

const FOLLOWER = {
  _id: 'f-eve',
  name: 'Eve',
  email: 'eve@example.com',
  iban: 'DE44500105175407324931',
  commission_pct: 10,
  enabled: true,
};

async function startWorker(
  suite: SuiteEnvironment,
  env: Record<string, string>,
  logs: string[] = [],
) {
  const config = suite.config(env);
  const logger = new StructuredLogger({
    format: 'json',
    level: 'info',
    write: (line) => logs.push(line),
  });
  const app = await createApp(config, logger);
  await app.init();
  const db = app.get<Connection>(getConnectionToken()).db!;
  await db.collection('followers').insertOne(FOLLOWER as never);
  await db
    .collection('daily_pnl')
    .insertOne({
      follower_id: 'f-eve',
      date: '20261110',
      total_pnl: 1000,
      position_count: 2,
      calculated_at: new Date(),
    });
  return { app, db };
}

async function until(condition: () => Promise<boolean> | boolean, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function publishMonthly(pubsub: PubSub, suite: SuiteEnvironment) {
  return pubsub
    .topic(suite.name('requests'))
    .publishMessage({
      data: Buffer.from(JSON.stringify({ period: '2026-11' })),
      attributes: { pattern: 'report.monthly' },
    });
}

describe('DRY_RUN=true', () => {
  const suite = new SuiteEnvironment('jobs-dry-run');
  const smtp = new SmtpSink();
  const logs: string[] = [];
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let pubsub: PubSub;

  beforeAll(async () => {
    await smtp.start();
    worker = await startWorker(
      suite,
      { DRY_RUN: 'true', EMAIL_TRANSPORT: 'smtp', SMTP_PORT: String(smtp.port) },
      logs,
    );
    pubsub = rawPubSub(suite);
  });

  afterAll(async () => {
    await pubsub?.close();
    await worker?.app.close();
    await smtp.stop();
  });

  it('renders and stores the report, sends nothing, and says so in report_sent and the log', async () => {
    await publishMonthly(pubsub, suite);
    await until(
      async () =>
        (await worker.db.collection('report_sent').findOne({ follower_id: 'f-eve' }))?.dry_run ===
        true,
    );
    const record = await worker.db
      .collection('report_sent')
      .findOne({ follower_id: 'f-eve', report_period: '2026-11' });
    expect(record).toMatchObject({ status: 'stored', dry_run: true });
    expect(record!.files.map((file: { format: string }) => file.format)).toEqual(['pdf', 'xlsx']);
    expect(
      await worker.db
        .collection('reports.files')
        .countDocuments({ 'metadata.runId': record!.run_id }),
    ).toBe(2);
    expect(smtp.messages).toHaveLength(0);
    expect(
      logs.some((line) => line.includes('DRY_RUN, no e-mail sent') && line.includes('f-eve')),
    ).toBe(true);
  });
});

describe('EMAIL_DELIVERY=links', () => {
  const suite = new SuiteEnvironment('jobs-links');
  const smtp = new SmtpSink();
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let pubsub: PubSub;

  beforeAll(async () => {
    await smtp.start();
    worker = await startWorker(suite, {
      EMAIL_DELIVERY: 'links',
      EMAIL_TRANSPORT: 'smtp',
      SMTP_PORT: String(smtp.port),
      DOWNLOAD_LINK_TTL_MS: String(3 * 86_400_000),
    });
    pubsub = rawPubSub(suite);
  });

  afterAll(async () => {
    await pubsub?.close();
    await worker?.app.close();
    await smtp.stop();
  });

  it('e-mails signed links, valid for the configured days, that download the files without a token', async () => {
    await publishMonthly(pubsub, suite);
    await until(() => smtp.messages.length === 1);
    const [mail] = smtp.messages;
    expect(mail.attachments).toHaveLength(0);
    const links = [
      ...(mail.text ?? '').matchAll(/(PDF|XLSX): (\S+) \(until (\d{4}-\d{2}-\d{2})\)/g),
    ];
    expect(links.map((match) => match[1])).toEqual(['PDF', 'XLSX']);
    const until3Days = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    expect(links.every((match) => match[3] <= until3Days)).toBe(true);
    for (const [, format, url] of links) {
      const { pathname, search } = new URL(url);
      const response = await request(worker.app.getHttpServer()).get(`${pathname}${search}`);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe(
        format === 'PDF'
          ? 'application/pdf'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
    }
  });
});
