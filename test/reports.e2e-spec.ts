import type { PubSub } from '@google-cloud/pubsub';
import { DownloadLinkSigner } from '@lib/delivery';
import { LeaseLostError, ReportRunsRepository } from '@lib/persistence';
import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Connection } from 'mongoose';
import { parse as parseHtml } from 'node-html-parser';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../apps/report-worker/src/bootstrap.js';
import { RetentionSweeper } from '../apps/report-worker/src/reports/retention.sweeper.js';
import {
  downloadFile,
  EventCollector,
  pdfPages,
  sha256,
  xlsxTable,
} from './support/report-harness.js';
import { SuiteEnvironment } from './support/test-environment.js';
import { rawPubSub } from './support/transport-harness.js';

const suite = new SuiteEnvironment('reports');
const TOKEN = SuiteEnvironment.apiToken;
const SIGNING_SECRET = 'test-signing-secret-of-at-least-32-characters';

/** Five sales with names, amounts and dates that exercise every formatter. */
const EU_SALES = [
  {
    seq: 1,
    customer: 'Zoë Ångström',
    amount: 1234.56,
    share: 12.5,
    soldOn: '2026-11-02',
    soldAt: new Date('2026-11-02T09:15:00Z'),
  },
  {
    seq: 2,
    customer: '李雷',
    amount: -42.1,
    share: 0,
    soldOn: '2026-11-03',
    soldAt: new Date('2026-11-03T23:30:00Z'),
  },
  {
    seq: 3,
    customer: 'Ελένη "the great", Ltd.',
    amount: 0.3,
    share: 100,
    soldOn: '2026-11-04',
    soldAt: new Date('2026-11-04T12:00:00Z'),
  },
  {
    seq: 4,
    customer: '=HYPERLINK("http://evil")',
    amount: 1_000_000,
    share: 33.33,
    soldOn: '2026-11-05',
    soldAt: new Date('2026-11-05T00:00:00Z'),
  },
  {
    seq: 5,
    customer: 'Line\nbreak',
    amount: 7,
    share: 1,
    soldOn: '2026-11-06',
    soldAt: new Date('2026-11-06T18:45:00Z'),
  },
];

const SALES_DEFINITION = {
  title: 'Sales by region',
  description: 'Every sale of one region',
  sourceCollection: 'sales',
  pipeline: [
    { $match: { region: { $param: 'region' } } },
    { $sort: { seq: 1 } },
    { $project: { _id: 0, seq: 1, customer: 1, amount: 1, share: 1, soldOn: 1, soldAt: 1 } },
  ],
  parameters: [{ name: 'region', type: 'string', required: true, enum: ['eu', 'us', 'big'] }],
  columns: [
    { key: 'seq', header: 'No.', type: 'integer' },
    { key: 'customer', header: 'Customer', type: 'text' },
    { key: 'amount', header: 'Amount', type: 'money' },
    { key: 'share', header: 'Share', type: 'percent' },
    { key: 'soldOn', header: 'Sold on', type: 'date' },
    { key: 'soldAt', header: 'Sold at', type: 'datetime' },
  ],
  defaultFormats: ['csv'],
};

let app: INestApplication;
let pubsub: PubSub;
let results: EventCollector;

beforeAll(async () => {
  app = await createApp(
    suite.config({
      REPORT_MAX_ROWS: '3000',
      REPORT_LOCALE: 'en-US',
      REPORT_TIME_ZONE: 'Europe/Berlin',
      PUBSUB_MAX_MESSAGES: '4',
    }),
  );
  await app.init();
  const db = app.get<Connection>(getConnectionToken()).db!;
  await db.collection('sales').insertMany([
    ...EU_SALES.map((sale) => ({ ...sale, region: 'eu' })),
    ...Array.from({ length: 2_000 }, (_, n) => ({
      seq: n + 1,
      customer: `Customer ${n + 1}`,
      amount: n * 1.25,
      share: n % 100,
      soldOn: '2026-11-10',
      soldAt: new Date(Date.UTC(2026, 10, 10, 8, 0, n % 60)),
      region: 'us',
    })),
    ...Array.from({ length: 3_001 }, (_, n) => ({
      seq: n,
      customer: 'c',
      amount: 1,
      share: 1,
      soldOn: '2026-11-11',
      soldAt: new Date(),
      region: 'big',
    })),
  ]);
  pubsub = rawPubSub(suite);
  results = await EventCollector.start(pubsub, suite.name('results'), suite.name('results-reader'));
  const saved = await request(app.getHttpServer())
    .put('/definitions/sales-by-region')
    .set('authorization', `Bearer ${TOKEN}`)
    .send(SALES_DEFINITION);
  if (saved.status !== 201)
    throw new Error(`saving the definition failed: ${saved.status} ${JSON.stringify(saved.body)}`);
});

afterAll(async () => {
  await results?.stop();
  await pubsub?.close();
  await app?.close();
});

function publishRequest(
  body: Record<string, unknown>,
  attributes: Record<string, string> = { pattern: 'report.generate' },
) {
  return pubsub
    .topic(suite.name('requests'))
    .publishMessage({ data: Buffer.from(JSON.stringify(body)), attributes });
}

async function finalEvent(idempotencyKey: string, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  while (results.about(idempotencyKey).length === 0) {
    if (Date.now() > deadline)
      throw new Error(`no result event for ${idempotencyKey} within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return results.about(idempotencyKey)[0] as {
    event: string;
    runId: string;
    status: string;
    rowCount?: number;
    error?: { code: string; message: string; permanent: boolean };
    files: { format: string; bytes: number; sha256: string; url: string; contentType: string }[];
  };
}

describe('report.generate', () => {
  it('renders a stored definition in every format; each file parses back to the source values', async () => {
    await publishRequest({
      definition: 'sales-by-region',
      parameters: { region: 'eu' },
      formats: ['csv', 'xlsx', 'pdf', 'html', 'json'],
      locale: 'de-DE',
      idempotencyKey: 'eu-all-formats',
      requestedBy: 'e2e',
      correlationId: 'corr-1',
    });
    const event = await finalEvent('eu-all-formats');
    expect(event).toMatchObject({ event: 'report.completed', status: 'succeeded', rowCount: 5 });
    expect(event.files.map((file) => file.format)).toEqual(['csv', 'xlsx', 'pdf', 'html', 'json']);

    const files = Object.fromEntries(
      await Promise.all(
        event.files.map(async (file) => {
          const download = await downloadFile(app, event.runId, file.format);
          expect(download.status).toBe(200);
          expect(download.headers['content-type']).toBe(file.contentType);
          expect(Number(download.headers['content-length'])).toBe(file.bytes);
          expect(sha256(download.body)).toBe(file.sha256);
          return [file.format, download.body] as const;
        }),
      ),
    );

    // CSV: machine values, header first, formula-like text neutralised.
    const csv = parseCsv(files.csv.toString('utf8'), { bom: true }) as string[][];
    expect(csv[0]).toEqual(['No.', 'Customer', 'Amount', 'Share', 'Sold on', 'Sold at']);
    expect(csv.slice(1).map((row) => row[1])).toEqual([
      'Zoë Ångström',
      '李雷',
      'Ελένη "the great", Ltd.',
      `'=HYPERLINK("http://evil")`,
      'Line\nbreak',
    ]);
    expect(csv.slice(1).map((row) => Number(row[2]))).toEqual(EU_SALES.map((sale) => sale.amount));
    expect(csv[1][4]).toBe('2026-11-02');

    // XLSX: typed cells, the same rows.
    const sheet = await xlsxTable(files.xlsx);
    expect(sheet[0]).toEqual(['No.', 'Customer', 'Amount', 'Share', 'Sold on', 'Sold at']);
    expect(sheet.slice(1).map((row) => row[0])).toEqual([1, 2, 3, 4, 5]);
    expect(sheet.slice(1).map((row) => row[2])).toEqual(EU_SALES.map((sale) => sale.amount));
    expect(sheet[1][1]).toBe('Zoë Ångström');
    expect(sheet.length).toBe(6);

    // PDF: text in German formatting, non-Latin names rendered.
    const pdfText = (await pdfPages(files.pdf)).flat();
    // DejaVu Sans covers Latin, Greek and Cyrillic; CJK glyphs need a font with them (README).
    expect(pdfText).toEqual(
      expect.arrayContaining([
        'Sales by region',
        'Customer',
        'Zoë Ångström',
        'Ελένη "the great", Ltd.',
        '1.234,56 €',
        '-42,10 €',
        '12,50 %',
      ]),
    );

    // HTML: escaped cells, one table row per sale, locale formatting.
    const html = parseHtml(files.html.toString('utf8'));
    const table = html
      .querySelectorAll('table')
      .find((candidate) => candidate.querySelector('thead')?.text.includes('Customer'))!;
    const bodyRows = table.querySelectorAll('tbody tr');
    expect(bodyRows).toHaveLength(5);
    expect(bodyRows[2].querySelectorAll('td')[1].text).toBe('Ελένη "the great", Ltd.');
    expect(bodyRows[0].querySelectorAll('td')[2].text.replace(/\s/g, ' ')).toBe('1.234,56 €');
    expect(files.html.toString('utf8')).not.toContain('<Line');

    // NDJSON: a header line, a line per row, an end line with the count.
    const lines = files.json
      .toString('utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ type: 'header', title: 'Sales by region', locale: 'de-DE' });
    const rows = lines.filter((line) => line.type === 'row') as {
      values: Record<string, unknown>;
    }[];
    expect(rows.map((row) => row.values.customer)).toEqual(EU_SALES.map((sale) => sale.customer));
    expect(lines.at(-1)).toEqual({ type: 'end', rowCount: 5 });

    const run = await request(app.getHttpServer())
      .get(`/runs/${event.runId}`)
      .set('authorization', `Bearer ${TOKEN}`);
    expect(run.body).toMatchObject({
      status: 'succeeded',
      idempotencyKey: 'eu-all-formats',
      definition: { name: 'sales-by-region', version: 1 },
      attempts: 1,
      rowCount: 5,
      requestedBy: 'e2e',
      correlationId: 'corr-1',
    });
  });

  it('lays a 2,000-row PDF over several pages, each with the table header and "page X of Y"', async () => {
    await publishRequest({
      definition: 'sales-by-region',
      parameters: { region: 'us' },
      formats: ['pdf'],
      idempotencyKey: 'us-pdf',
    });
    const event = await finalEvent('us-pdf');
    expect(event).toMatchObject({ status: 'succeeded', rowCount: 2_000 });
    const pages = await pdfPages((await downloadFile(app, event.runId, 'pdf')).body);
    expect(pages.length).toBeGreaterThan(20);
    pages.forEach((page, index) => {
      expect(page).toEqual(expect.arrayContaining(['No.', 'Customer', 'Amount']));
      expect(page.join(' ')).toMatch(new RegExp(`[Pp]age ${index + 1} of ${pages.length}`));
    });
    const body = pages.flat();
    expect(body).toEqual(expect.arrayContaining(['Customer 1', 'Customer 2000']));
  });

  it('renders one run and one set of files for the same request published three times at once', async () => {
    const body = {
      definition: 'sales-by-region',
      parameters: { region: 'eu' },
      formats: ['csv', 'json'],
      idempotencyKey: 'triplicate',
    };
    const published = await Promise.all([
      publishRequest(body),
      publishRequest(body),
      publishRequest(body),
    ]);
    await expect.poll(() => results.about('triplicate').length, { timeout: 60_000 }).toBe(3);
    const events = results.about('triplicate');
    expect(new Set(events.map((event) => event.runId)).size).toBe(1);
    expect(
      new Set(
        events.map((event) =>
          JSON.stringify((event.files as { sha256: string }[]).map((file) => file.sha256)),
        ),
      ).size,
    ).toBe(1);

    const db = app.get<Connection>(getConnectionToken()).db!;
    const runs = await db
      .collection('report_runs')
      .find({ idempotencyKey: 'triplicate' })
      .toArray();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'succeeded', attempts: 1 });
    const run = await request(app.getHttpServer())
      .get(`/runs/${runs[0]._id}`)
      .set('authorization', `Bearer ${TOKEN}`);
    expect([...run.body.messageIds].sort()).toEqual([...published].sort());
    const claims = await db.collection('report_run_claims').countDocuments({ runId: runs[0]._id });
    expect(claims).toBe(1);
    const stored = await db
      .collection('reports.files')
      .countDocuments({ 'metadata.runId': runs[0]._id });
    expect(stored).toBe(2);
  });

  it.each([
    ['a payload that is not an object', [1, 2], 'INVALID_PAYLOAD', 'expected a JSON object'],
    [
      'an unknown format',
      { definition: 'sales-by-region', parameters: { region: 'eu' }, formats: ['docx'] },
      'INVALID_PAYLOAD',
      'each format must be one of',
    ],
    [
      'an unknown definition',
      { definition: 'no-such-report' },
      'UNKNOWN_DEFINITION',
      'No report definition named "no-such-report"',
    ],
    [
      'a missing parameter',
      { definition: 'sales-by-region' },
      'INVALID_PARAMETERS',
      'parameter "region" is required',
    ],
    [
      'a forbidden stage',
      {
        inlineDefinition: { ...SALES_DEFINITION, pipeline: [{ $match: {} }, { $out: 'stolen' }] },
        parameters: { region: 'eu' },
      },
      'INVALID_DEFINITION',
      '$out is not allowed',
    ],
    [
      'a breached row limit',
      { definition: 'sales-by-region', parameters: { region: 'big' } },
      'LIMIT_ROWS',
      'over the limit of 3000',
    ],
  ])(
    'ends %s as a failed run with a clear error and a report.failed event, without retrying',
    async (_case, body, code, message) => {
      const key = `bad-${code}-${Math.random()}`;
      const messageId = await publishRequest(
        Array.isArray(body)
          ? (body as unknown as Record<string, unknown>)
          : { ...body, idempotencyKey: key },
      );
      const idempotencyKey = Array.isArray(body) ? `message:${messageId}` : key;
      const event = await finalEvent(idempotencyKey);
      expect(event).toMatchObject({
        event: 'report.failed',
        status: 'failed',
        error: { code, permanent: true },
      });
      expect(event.error!.message).toContain(message);

      const run = await request(app.getHttpServer())
        .get(`/runs/${event.runId}`)
        .set('authorization', `Bearer ${TOKEN}`);
      expect(run.body).toMatchObject({
        status: 'failed',
        attempts: 1,
        error: { code, permanent: true },
      });
      // The worker is still serving requests.
      expect((await request(app.getHttpServer()).get('/health/live')).status).toBe(200);
    },
  );
});

describe('runs and storage', () => {
  it('lets another worker take over a run whose worker died (its lease ran out), and only one of two racing workers', async () => {
    const runs = app.get(ReportRunsRepository);
    const request = { idempotencyKey: 'takeover', pattern: 'report.generate' };
    const first = await runs.claim(request, 'm-1', 60_000);
    expect(first).toMatchObject({ kind: 'claimed', run: { attempts: 1, status: 'running' } });
    expect(await runs.claim(request, 'm-2', 60_000)).toMatchObject({ kind: 'busy' });

    // Later than the lease: the first worker is presumed dead.
    const later = new Date(Date.now() + 61_000);
    const [a, b] = await Promise.all([
      runs.claim(request, 'm-3', 60_000, later),
      runs.claim(request, 'm-4', 60_000, later),
    ]);
    expect([a.kind, b.kind].sort()).toEqual(['busy', 'claimed']);
    const taken = a.kind === 'claimed' ? a : b;
    expect(taken.run.attempts).toBe(2);

    // The dead worker's late result is refused; the new holder finishes the run.
    await expect(runs.succeed(first.run._id, 1, { rowCount: 0, files: [] })).rejects.toThrow(
      LeaseLostError,
    );
    expect(await runs.succeed(taken.run._id, 2, { rowCount: 0, files: [] })).toMatchObject({
      status: 'succeeded',
      attempts: 2,
    });
    expect(await runs.claim(request, 'm-5', 60_000)).toMatchObject({ kind: 'finished' });
  });

  it('removes stored files past their retention, and keeps the others', async () => {
    await publishRequest({
      definition: 'sales-by-region',
      parameters: { region: 'eu' },
      formats: ['csv'],
      idempotencyKey: 'retention',
    });
    const event = await finalEvent('retention');
    const files = app.get<Connection>(getConnectionToken()).db!.collection('reports.files');
    const before = await files.countDocuments();
    const sweeper = app.get(RetentionSweeper);

    expect(await sweeper.sweep(new Date())).toBe(0);
    expect((await downloadFile(app, event.runId, 'csv')).status).toBe(200);
    // 30 days of retention (the default) later, every file stored so far has expired.
    expect(await sweeper.sweep(new Date(Date.now() + 31 * 86_400_000))).toBe(before);
    expect(await files.countDocuments()).toBe(0);
    expect((await downloadFile(app, event.runId, 'csv')).status).toBe(404);
  });
});

describe('runs API', () => {
  let runId: string;
  let csv: { sha256: string; url: string };

  beforeAll(async () => {
    await publishRequest({
      definition: 'sales-by-region',
      parameters: { region: 'eu' },
      formats: ['csv'],
      idempotencyKey: 'api-csv',
    });
    const event = await finalEvent('api-csv');
    runId = event.runId;
    csv = event.files[0];
  });

  it('refuses requests without a valid token', async () => {
    const server = app.getHttpServer();
    expect((await request(server).get(`/runs/${runId}`)).status).toBe(401);
    expect((await request(server).get('/runs')).status).toBe(401);
    expect(
      (await request(server).get(`/runs/${runId}/files/csv`).set('authorization', 'Bearer wrong'))
        .status,
    ).toBe(401);
    expect((await request(server).put('/definitions/x').send(SALES_DEFINITION)).status).toBe(401);
  });

  it('serves the exact bytes through a signed link without a token, and refuses an altered or expired one', async () => {
    const url = new URL(csv.url);
    const path = `${url.pathname}${url.search}`;
    const server = app.getHttpServer();

    const valid = await request(server).get(path).buffer(true);
    expect(valid.status).toBe(200);
    expect(sha256(Buffer.from(valid.text))).toBe(csv.sha256);
    expect(valid.headers.etag).toBe(`"${csv.sha256}"`);
    expect(valid.headers['content-disposition']).toMatch(
      /^attachment; filename="sales-by-region-[0-9a-f]{8}\.csv"$/,
    );

    const altered = path.replace(/signature=[^&]+/, (match) => `${match.slice(0, -2)}xx`);
    expect((await request(server).get(altered)).status).toBe(403);
    expect((await request(server).get(path.replace('/files/csv', '/files/pdf'))).status).toBe(403);

    const signer = new DownloadLinkSigner(() => SIGNING_SECRET, 'http://localhost', 3_600_000);
    const expired = new URL(signer.sign(runId, 'csv', Date.now() - 7_200_000).url);
    const refused = await request(server).get(`${expired.pathname}${expired.search}`);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('This download link has expired');
  });

  it('lists runs newest first with a cursor, filtered by status', async () => {
    const server = app.getHttpServer();
    const first = await request(server)
      .get('/runs?limit=2')
      .set('authorization', `Bearer ${TOKEN}`);
    expect(first.status).toBe(200);
    expect(first.body.runs).toHaveLength(2);
    const second = await request(server)
      .get(`/runs?limit=2&cursor=${first.body.nextCursor}`)
      .set('authorization', `Bearer ${TOKEN}`);
    expect(second.body.runs).toHaveLength(2);
    const ids = [...first.body.runs, ...second.body.runs].map((run: { id: string }) => run.id);
    expect(new Set(ids).size).toBe(4);
    const received = [...first.body.runs, ...second.body.runs].map(
      (run: { receivedAt: string }) => run.receivedAt,
    );
    expect([...received].sort().reverse()).toEqual(received);

    const failed = await request(server)
      .get('/runs?status=failed&limit=100')
      .set('authorization', `Bearer ${TOKEN}`);
    expect(failed.body.runs.length).toBeGreaterThan(0);
    expect(failed.body.runs.every((run: { status: string }) => run.status === 'failed')).toBe(true);
    expect(
      (await request(server).get('/runs?status=weird').set('authorization', `Bearer ${TOKEN}`))
        .status,
    ).toBe(400);
    expect(
      (await request(server).get('/runs?cursor=bogus').set('authorization', `Bearer ${TOKEN}`))
        .status,
    ).toBe(400);
  });

  it('refuses a definition with forbidden stages when it is saved, and keeps versions', async () => {
    const server = app.getHttpServer();
    const refused = await request(server)
      .put('/definitions/sneaky')
      .set('authorization', `Bearer ${TOKEN}`)
      .send({ ...SALES_DEFINITION, pipeline: [{ $match: { $where: 'true' } }] });
    expect(refused.status).toBe(400);
    expect(refused.body.problems).toEqual([
      'stage 1 ($match): $where is not allowed (it writes data or runs code)',
    ]);

    const second = await request(server)
      .put('/definitions/sales-by-region')
      .set('authorization', `Bearer ${TOKEN}`)
      .send({ ...SALES_DEFINITION, title: 'Sales by region, v2' });
    expect(second.body).toEqual({ name: 'sales-by-region', version: 2 });
    const listed = await request(server)
      .get('/definitions')
      .set('authorization', `Bearer ${TOKEN}`);
    expect(
      listed.body.definitions.find((d: { name: string }) => d.name === 'sales-by-region'),
    ).toMatchObject({ version: 2, title: 'Sales by region, v2' });
  });

  it('exposes Prometheus metrics for messages, runs and renders', async () => {
    const metrics = await request(app.getHttpServer()).get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(
      /report_worker_messages_total\{pattern="report.generate",outcome="acked"\} \d+/,
    );
    expect(metrics.text).toMatch(
      /report_worker_messages_total\{pattern="report.generate",outcome="dead-lettered"\} \d+/,
    );
    expect(metrics.text).toMatch(/report_worker_runs\{status="succeeded"\} [1-9]\d*/);
    expect(metrics.text).toMatch(/report_worker_render_bytes_total\{format="pdf"\} [1-9]\d*/);
    expect(metrics.text).toContain('report_worker_handler_duration_seconds_bucket');
  });
});
