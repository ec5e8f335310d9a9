import type { PubSub } from '@google-cloud/pubsub';
import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../apps/report-worker/src/bootstrap.js';
import { pdfPages } from './support/report-harness.js';
import { SmtpSink } from './support/smtp-sink.js';
import { SuiteEnvironment } from './support/test-environment.js';
import { collect, createSubscription, rawPubSub } from './support/transport-harness.js';
import ExcelJS from 'exceljs';

const suite = new SuiteEnvironment('jobs');
const smtp = new SmtpSink();
let app: INestApplication;
let pubsub: PubSub;
let deadLetters: ReturnType<typeof collect>;

const FOLLOWERS = [
  {
    _id: 'f-alice',
    name: 'Alice Zoë',
    email: 'alice@example.com',
    iban: 'DE89370400440532013000',
    commission_pct: 20,
    enabled: true,
  },
  // No commission_pct: the default rate (25 % in this suite) applies.
  {
    _id: 'f-bob',
    name: 'Bob',
    email: 'bob@example.com',
    iban: 'GB29NWBK60161331926819',
    enabled: true,
  },
  {
    _id: 'f-carol',
    name: 'Carol',
    email: 'carol@example.com',
    iban: 'FR7630006000011234567890189',
    commission_pct: 10,
    enabled: false,
  },
];

// Doubles, as the old worker stored them.
const POSITIONS = [
  { follower_id: 'f-alice', date: '20261103', pnl_realized: 100.1, pnl_mtm: 0.2 },
  { follower_id: 'f-alice', date: '20261103', pnl_realized: -50.05, pnl_mtm: 0 },
  { follower_id: 'f-alice', date: '20261104', pnl_realized: 10.005, pnl_mtm: 0 },
  { follower_id: 'f-bob', date: '20261103', pnl_realized: -30.5, pnl_mtm: 10.25 },
  { follower_id: 'f-carol', date: '20261103', pnl_realized: 1000, pnl_mtm: 0 },
];

const db = () => app.get<Connection>(getConnectionToken()).db!;

/** The old worker's push contract: POST / with the base64 JSON job. */
function postLegacy(job: unknown) {
  return request(app.getHttpServer())
    .post('/')
    .send({ message: { data: Buffer.from(JSON.stringify(job)).toString('base64') } });
}

function publish(pattern: string, body: unknown) {
  return pubsub
    .topic(suite.name('requests'))
    .publishMessage({ data: Buffer.from(JSON.stringify(body)), attributes: { pattern } });
}

async function until(condition: () => boolean | Promise<boolean>, timeout = 60_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const mailsFor = (period: string) => smtp.messages.filter((mail) => mail.subject?.endsWith(period));

beforeAll(async () => {
  await smtp.start();
  pubsub = rawPubSub(suite);
  app = await createApp(
    suite.config({
      EMAIL_TRANSPORT: 'smtp',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      REPORT_SENDER_EMAIL: 'reports@copytrading.example',
      ADMIN_EMAIL: 'admin@copytrading.example',
      EMAIL_MAX_ATTEMPTS: '2',
      DEFAULT_COMMISSION_PERCENTAGE: '25',
      REPORT_CURRENCY: 'EUR',
      PUSH_ENABLED: 'true',
      PUSH_PATH: '/',
      // The old contract had no token; verification is covered by the transport's push tests.
      PUSH_AUTH_DISABLED: 'true',
    }),
  );
  await app.init();
  await db()
    .collection('followers')
    .insertMany(FOLLOWERS as never[]);
  await db().collection('positions').insertMany(POSITIONS);
  await createSubscription(pubsub, suite.name('requests-dlq'), suite.name('dlq-reader'));
  deadLetters = collect(pubsub, suite.name('dlq-reader'));
});

afterAll(async () => {
  await deadLetters?.stop();
  await pubsub?.close();
  await app?.close();
  await smtp.stop();
});

describe('the old push contract: POST / {"message": {"data": base64({"job_type": ...})}}', () => {
  it('computes the daily P&L, then e-mails each enabled follower a monthly report with the right figures', async () => {
    const daily = await postLegacy({ job_type: 'DAILY', date: '2026-11-03' });
    expect(daily.status).toBe(204);
    const days = await db()
      .collection('daily_pnl')
      .find({ date: '20261103' })
      .sort({ follower_id: 1 })
      .toArray();
    expect(days.map((day) => [day.follower_id, String(day.total_pnl), day.position_count])).toEqual(
      [
        ['f-alice', '50.25', 2],
        ['f-bob', '-20.25', 1],
        ['f-carol', '1000', 1],
      ],
    );
    // A rerun writes the same documents.
    expect((await postLegacy({ job_type: 'daily', date: '2026-11-03' })).status).toBe(204);
    expect(await db().collection('daily_pnl').countDocuments({ date: '20261103' })).toBe(3);

    const monthly = await postLegacy({ job_type: 'monthly', period: '2026-11' });
    expect(monthly.status).toBe(204);
    await until(() => mailsFor('2026-11').length === 2);

    const [alice] = smtp.to('alice@example.com');
    expect(alice.subject).toBe('Copy Trading Monthly Report - 2026-11');
    expect(alice.from?.text).toBe('reports@copytrading.example');
    expect(JSON.stringify(alice.cc)).toContain('admin@copytrading.example');
    expect(alice.text).toContain('P&L €60.26, commission €12.05');
    expect(alice.html).toContain('€12.05');
    expect(alice.attachments.map((file) => file.contentType).sort()).toEqual([
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);

    // 3 Nov: 50.25 from daily_pnl; 4 Nov: 10.005 from positions. 60.255 → P&L 60.26, 20 % → 12.051 → 12.05.
    const pdf = (
      await pdfPages(
        alice.attachments.find((file) => file.contentType === 'application/pdf')!.content,
      )
    ).flat();
    expect(pdf).toEqual(
      expect.arrayContaining([
        'Copy Trading Monthly Report - 2026-11',
        '**** 3000',
        '€60.26',
        '20.00%',
        '€12.05',
        'Daily P&L',
      ]),
    );
    expect(pdf.join(' ')).not.toContain('DE89370400440532013000');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      alice.attachments.find((file) => file.filename?.endsWith('.xlsx'))!
        .content as unknown as ArrayBuffer,
    );
    const cells: unknown[] = [];
    workbook
      .getWorksheet('Report')!
      .eachRow((row) => cells.push(...(row.values as unknown[]).slice(1)));
    expect(cells).toEqual(
      expect.arrayContaining([
        'Monthly P&L',
        60.26,
        'Commission rate',
        0.2,
        'Commission',
        12.05,
        '**** 3000',
      ]),
    );
    const table: unknown[][] = [];
    workbook
      .getWorksheet('Daily P&L')!
      .eachRow((row) => table.push((row.values as unknown[]).slice(1)));
    expect(table.slice(1, 3).map((row) => row[1])).toEqual([50.25, 10.01]);

    const [bob] = smtp.to('bob@example.com');
    expect(bob.text).toContain('P&L -€20.25, commission €0.00');
    expect(smtp.to('carol@example.com')).toEqual([]);

    const sent = await db()
      .collection('report_sent')
      .findOne({ follower_id: 'f-alice', report_period: '2026-11' });
    expect(sent).toMatchObject({ status: 'sent', attempts: 1 });
    expect(sent!.files.map((file: { format: string }) => file.format)).toEqual(['pdf', 'xlsx']);
  });

  it.each([
    [
      'an unknown job_type',
      { job_type: 'weekly' },
      'UNKNOWN_JOB_TYPE: Invalid job: job_type must be "daily" or "monthly", got "weekly"',
    ],
    [
      'a bad date',
      { job_type: 'daily', date: '2026-02-30' },
      'INVALID_JOB: Invalid job: date: Invalid date or period "2026-02-30"',
    ],
    [
      'a bad period',
      { job_type: 'monthly', period: '2026-13' },
      'INVALID_JOB: Invalid job: period: Invalid date or period "2026-13"',
    ],
  ])(
    'dead-letters %s with a clear reason, sends nothing and retries nothing',
    async (_case, job, reason) => {
      const mailsBefore = smtp.messages.length;
      const dlqBefore = deadLetters.messages.length;
      const response = await postLegacy(job);
      expect(response.status).toBe(204);
      await until(() => deadLetters.messages.length === dlqBefore + 1);
      expect(deadLetters.messages.at(-1)!.attributes['x-error']).toContain(reason);
      expect(JSON.parse(deadLetters.messages.at(-1)!.data.toString())).toEqual(job);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(smtp.messages.length).toBe(mailsBefore);
      expect(deadLetters.messages.length).toBe(dlqBefore + 1);
    },
  );

  it('answers 400 to a request without a message, as the old worker did', async () => {
    expect((await request(app.getHttpServer()).post('/').send({ job_type: 'daily' })).status).toBe(
      400,
    );
  });
});

describe('exactly one e-mail per follower and period', () => {
  it('sends once when the monthly message is published twice', async () => {
    await Promise.all([
      publish('report.monthly', { period: '2026-10' }),
      publish('report.monthly', { period: '2026-10' }),
    ]);
    await until(() => mailsFor('2026-10').length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(mailsFor('2026-10').map((mail) => mail.to && JSON.stringify(mail.to)).length).toBe(2);
    expect(
      smtp.to('alice@example.com').filter((mail) => mail.subject?.endsWith('2026-10')),
    ).toHaveLength(1);
    expect(
      smtp.to('bob@example.com').filter((mail) => mail.subject?.endsWith('2026-10')),
    ).toHaveLength(1);
  });

  it('retries a follower while the SMTP server is down, and sends once when it is back', async () => {
    await smtp.stop();
    await publish('report.monthly', { period: '2026-09' });
    await until(async () => {
      const record = await db()
        .collection('report_sent')
        .findOne({ follower_id: 'f-alice', report_period: '2026-09' });
      return record?.status === 'failed' && typeof record.last_error === 'string';
    });
    await smtp.start();
    await until(() => mailsFor('2026-09').length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(mailsFor('2026-09')).toHaveLength(2);
    const record = await db()
      .collection('report_sent')
      .findOne({ follower_id: 'f-alice', report_period: '2026-09' });
    expect(record!.status).toBe('sent');
    expect(record!.attempts).toBeGreaterThanOrEqual(2);
  });

  it('sends again only on an explicit resend', async () => {
    await publish('report.monthly', { period: '2026-11', follower_ids: ['f-alice'], resend: true });
    await until(
      () =>
        smtp.to('alice@example.com').filter((mail) => mail.subject?.endsWith('2026-11')).length ===
        2,
    );
    expect(
      smtp.to('bob@example.com').filter((mail) => mail.subject?.endsWith('2026-11')),
    ).toHaveLength(1);
  });
});
