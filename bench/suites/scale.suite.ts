import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Collection, MongoClient } from 'mongodb';
import {
  describeError,
  fixed,
  mark,
  mb,
  mbChange,
  type SuiteReport,
  table,
  type TargetCheck,
  whole,
} from '../support/bench-report.js';
import type { BenchSettings } from '../support/bench-settings.js';
import type { LocalServices } from '../support/local-services.js';
import type { RssSamples } from '../support/process-sampler.js';
import { emulatorClient, ResultEvents } from '../support/pubsub-tools.js';
import { SAMPLE_COLUMNS, sampleRow } from '../support/sample-rows.js';
import { type HeapPeaks, WorkerProcess } from '../support/worker-process.js';

const PROJECT_ID = 'report-worker-bench';
const SEED_BATCH = 10_000;
/** The sizes the issue's memory targets are stated for. */
const TARGET_ROWS = 1_000_000;
const TARGET_PDF_ROWS = 50_000;
const LIMITS = { csv: 150, xlsx: 200, pdf: 300, growth: 64 } as const;

type ScaleFormat = 'csv' | 'xlsx' | 'pdf';

interface Planned {
  format: ScaleFormat;
  rows: number;
  /** Set for the informative runs with `--max-old-space-size`; targets are judged on the others. */
  heapCapMb?: number;
}

interface ScaleCase {
  format: ScaleFormat;
  rows: number;
  heapCapMb?: number;
  ok: boolean;
  error?: string;
  /** Resident set of the idle worker, just before the request was published. */
  idleRssBytes?: number;
  idleAnonBytes?: number;
  /** The kernel's high-water mark (VmHWM) of the worker process once the report was done. */
  peakRssBytes?: number;
  samples?: RssSamples;
  /** The worker's V8 heap figures at their highest, from its /metrics polled every 500 ms. */
  heap?: HeapPeaks;
  workerCpuMs?: number;
  /** Publish to completion event. */
  wallSeconds?: number;
  /** The run's own duration, from its completion event. */
  runSeconds?: number;
  fileBytes?: number;
}

interface Seeding {
  requestedRows: number;
  seededRows: number;
  firstSizeRows: number;
  firstSizeSeconds: number;
  rowsPerSecond: number;
  totalSeconds: number;
  cutDown?: string;
}

/**
 * Peak memory of the worker process rendering one large report through the
 * whole pipeline: MongoDB cursor → renderer → GridFS upload.
 */
export async function scaleSuite(
  settings: BenchSettings,
  services: LocalServices,
  log: (line: string) => void,
): Promise<SuiteReport> {
  const runId = randomBytes(3).toString('hex');
  const dbName = `bench_scale_${runId}`;
  const mongo = new MongoClient(services.mongoUri, { directConnection: true });
  const pubsub = emulatorClient(services.emulatorHost, PROJECT_ID);
  const cases: ScaleCase[] = [];
  let seeding: Seeding | undefined;
  try {
    const collection = mongo.db(dbName).collection('sales');
    seeding = await seed(collection, settings, log);
    const sizes = [
      ...new Set(settings.scale.sizes.map((rows) => Math.min(rows, seeding!.seededRows))),
    ].sort((a, b) => a - b);
    const pdfRows = Math.min(settings.scale.pdfRows, seeding.seededRows);
    const judged: Planned[] = [
      ...(['csv', 'xlsx'] as const).flatMap((format) => sizes.map((rows) => ({ format, rows }))),
      ...(settings.scale.pdfRows > 0 ? [{ format: 'pdf' as const, rows: pdfRows }] : []),
    ];
    // The largest of each format again, with the heap capped: how much of a peak is garbage not yet collected.
    const cap = settings.scale.cappedHeapMb;
    const capped: Planned[] =
      cap > 0
        ? [
            ...(['csv', 'xlsx'] as const).map((format) => ({
              format,
              rows: sizes.at(-1)!,
              heapCapMb: cap,
            })),
            ...(settings.scale.pdfRows > 0
              ? [{ format: 'pdf' as const, rows: pdfRows, heapCapMb: cap }]
              : []),
          ]
        : [];
    for (const [index, { format, rows, heapCapMb }] of [...judged, ...capped].entries()) {
      log(
        `${format} report of ${whole(rows)} rows through a fresh worker${heapCapMb ? `, heap capped at ${heapCapMb} MB` : ''}`,
      );
      const measured = await measureCase({
        format,
        rows,
        index,
        runId,
        dbName,
        services,
        pubsub,
        timeoutMs: settings.caseTimeoutMs,
        nodeOptions: [
          settings.workerNodeOptions,
          heapCapMb ? `--max-old-space-size=${heapCapMb}` : undefined,
        ]
          .filter(Boolean)
          .join(' '),
        heapCapMb,
      });
      cases.push(measured);
      log(
        measured.ok
          ? `  worker peak RSS ${mb(measured.peakRssBytes)} (idle ${mb(measured.idleRssBytes)}), ${fixed(measured.runSeconds)} s`
          : `  failed: ${measured.error?.split('\n')[0]}`,
      );
    }
  } finally {
    await pubsub.close();
    await mongo
      .db(dbName)
      .dropDatabase()
      .catch(() => undefined);
    await mongo.close();
  }

  const targets = scaleTargets(cases.filter((entry) => !entry.heapCapMb));
  const notes: string[] = [];
  if (seeding?.cutDown) notes.push(seeding.cutDown);
  for (const failed of cases.filter((entry) => !entry.ok))
    notes.push(
      `${failed.format.toUpperCase()} ${whole(failed.rows)} rows failed: ${failed.error?.split('\n')[0]}`,
    );
  notes.push(
    "The worker is the production build started with plain `node` and V8's default heap limit for this machine (about 4 GB; the Docker image caps the heap with NODE_OPTIONS, and BENCH_WORKER_NODE_OPTIONS runs the benchmark that way). Its idle resident set (Nest, Mongoose, the gRPC Pub/Sub client, exceljs, pdfkit and fontkit loaded) is the floor under every figure.",
    'Peak RSS counts the worker process only: the database server (FerretDB here) and the emulator are separate processes.',
  );
  if (cases.some((entry) => entry.heapCapMb)) {
    notes.push(
      `The runs marked "old space ≤ ${settings.scale.cappedHeapMb} MB" render the largest reports again in a worker started with \`--max-old-space-size=${settings.scale.cappedHeapMb}\` (BENCH_SCALE_CAPPED_HEAP_MB). ` +
        "They are not what the targets are judged on: they show how much of a default run's peak is heap that V8, given the default limit of a machine this size, had not yet needed to collect, and whether the pipeline holds its memory bounded when the heap is bounded.",
    );
  }
  return {
    id: 'scale',
    title: '4. Scale: peak memory of the whole pipeline',
    method:
      `A collection of ${whole(seeding?.seededRows)} sample rows (the rendering suite's table) was seeded in batches of ${whole(SEED_BATCH)} ` +
      `(${whole(seeding?.firstSizeRows)} rows in ${fixed(seeding?.firstSizeSeconds)} s, ${whole(seeding?.rowsPerSecond)} rows/s; ${fixed(seeding?.totalSeconds)} s in all). ` +
      'For each case a fresh worker process (the production build, PUBSUB_MAX_MESSAGES 1) received one `report.generate` with an inline definition (`$limit` N, `$project`) and one format; ' +
      'it counted the rows, streamed them from a MongoDB cursor (batches of 1,000) through the renderer into GridFS, and published its completion event. ' +
      "Peak RSS is the worker's kernel high-water mark (VmHWM) when the event arrived, cross-checked by sampling /proc every 20 ms; CPU is the worker's user + system time over the report." +
      (settings.workerNodeOptions
        ? ` The worker ran with NODE_OPTIONS \`${settings.workerNodeOptions}\` (BENCH_WORKER_NODE_OPTIONS).`
        : ''),
    body: [
      ...table(
        [
          'format',
          'rows',
          'worker heap',
          'worker peak RSS',
          'sampled peak',
          'idle RSS',
          'run s',
          'publish → event s',
          'rows/s',
          'worker CPU s',
          'file',
        ],
        cases.map((entry) => [
          entry.format.toUpperCase(),
          whole(entry.rows),
          heapOf(entry),
          mb(entry.peakRssBytes),
          mb(entry.samples?.sampledPeakRssBytes),
          mb(entry.idleRssBytes),
          fixed(entry.runSeconds),
          fixed(entry.wallSeconds),
          entry.runSeconds ? whole(entry.rows / entry.runSeconds) : 'n/a',
          fixed(entry.workerCpuMs === undefined ? undefined : entry.workerCpuMs / 1_000),
          mb(entry.fileBytes),
        ]),
        ['l', 'r', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
      '',
      "Where the peak went: the anonymous part of the resident set (the process's own memory, as opposed to file-backed pages of the node binary and libraries) and the highest V8 heap figures the worker's `/metrics` showed, polled every 500 ms.",
      '',
      ...table(
        [
          'format',
          'rows',
          'worker heap',
          'peak RSS',
          'peak anonymous',
          'idle anonymous',
          'V8 heap total, max',
          'V8 heap used, max',
          'external (Buffers), max',
        ],
        cases.map((entry) => [
          entry.format.toUpperCase(),
          whole(entry.rows),
          heapOf(entry),
          mb(entry.peakRssBytes),
          mb(entry.samples?.sampledPeakAnonBytes),
          mb(entry.idleAnonBytes),
          mb(entry.heap?.heapTotalBytes),
          mb(entry.heap?.heapUsedBytes),
          mb(entry.heap?.externalBytes),
        ]),
        ['l', 'r', 'l', 'r', 'r', 'r', 'r', 'r', 'r'],
      ),
      '',
      ...targets.map(
        (target) =>
          `- ${target.name}: ${target.measured} (limit ${target.target}) ${mark(target.pass)}${target.note ? `; ${target.note}` : ''}`,
      ),
    ],
    targets,
    notes,
    data: { seeding, limitsMb: LIMITS, cases },
  };
}

async function seed(
  collection: Collection,
  settings: BenchSettings,
  log: (line: string) => void,
): Promise<Seeding> {
  const requestedRows = Math.max(...settings.scale.sizes, settings.scale.pdfRows);
  const firstSizeRows = Math.min(...settings.scale.sizes, requestedRows);
  const startedAt = performance.now();
  let seeded = 0;
  const seedTo = async (rows: number) => {
    while (seeded < rows) {
      const batch = Math.min(SEED_BATCH, rows - seeded);
      await collection.insertMany(
        Array.from({ length: batch }, (_, i) => sampleRow(seeded + i)),
        { ordered: false },
      );
      seeded += batch;
    }
  };
  log(`seeding ${whole(firstSizeRows)} rows`);
  await seedTo(firstSizeRows);
  const firstSizeSeconds = (performance.now() - startedAt) / 1_000;
  const rowsPerSecond = firstSizeRows / firstSizeSeconds;
  const budget = settings.scale.seedBudgetSeconds;
  let target = requestedRows;
  let cutDown: string | undefined;
  if (requestedRows / rowsPerSecond > budget) {
    const step = firstSizeRows >= 100_000 ? 100_000 : 1_000;
    target = Math.max(firstSizeRows, Math.floor((rowsPerSecond * budget) / step) * step);
    cutDown =
      `Seeding ${whole(requestedRows)} rows would take about ${fixed(requestedRows / rowsPerSecond / 60)} minutes at the measured ${whole(rowsPerSecond)} rows/s, ` +
      `over the ${fixed(budget / 60)}-minute budget (BENCH_SEED_BUDGET_S); the largest feasible size, ${whole(target)} rows, was used instead.`;
    log(cutDown);
  }
  log(
    `seeded ${whole(firstSizeRows)} rows in ${fixed(firstSizeSeconds)} s; seeding up to ${whole(target)}`,
  );
  await seedTo(target);
  return {
    requestedRows,
    seededRows: seeded,
    firstSizeRows,
    firstSizeSeconds,
    rowsPerSecond,
    totalSeconds: (performance.now() - startedAt) / 1_000,
    cutDown,
  };
}

async function measureCase(options: {
  format: ScaleFormat;
  rows: number;
  index: number;
  runId: string;
  dbName: string;
  services: LocalServices;
  pubsub: ReturnType<typeof emulatorClient>;
  timeoutMs: number;
  nodeOptions?: string;
  heapCapMb?: number;
}): Promise<ScaleCase> {
  const { format, rows, index, runId, dbName, services, pubsub, timeoutMs, heapCapMb } = options;
  const nodeOptions = options.nodeOptions || undefined;
  const prefix = `bench-scale-${runId}-${index}`;
  let worker: WorkerProcess | undefined;
  let events: ResultEvents | undefined;
  let heapPoller: ReturnType<WorkerProcess['heapPoller']> | undefined;
  try {
    events = await ResultEvents.open(pubsub, `${prefix}-results`, `${prefix}-results-reader`);
    worker = await WorkerProcess.start({
      projectId: PROJECT_ID,
      emulatorHost: services.emulatorHost,
      mongoUri: services.mongoUri,
      dbName,
      requestsTopic: `${prefix}-requests`,
      requestsSubscription: `${prefix}-requests-sub`,
      resultsTopic: `${prefix}-results`,
      nodeOptions,
      maxMessages: 1,
    });
    // Let start-up work (index creation, first pulls) settle before the idle reading.
    await sleep(1_000);
    const idle = worker.snapshot();
    const sampler = worker.sampler();
    heapPoller = worker.heapPoller();
    const idempotencyKey = `${prefix}-${format}-${rows}`;
    const publishedAt = performance.now();
    const arrival = events.next(idempotencyKey, timeoutMs);
    await pubsub.topic(`${prefix}-requests`).publishMessage({
      data: Buffer.from(
        JSON.stringify({
          inlineDefinition: {
            title: 'Scale benchmark',
            sourceCollection: 'sales',
            pipeline: [
              { $limit: rows },
              {
                $project: {
                  _id: 0,
                  seq: 1,
                  customer: 1,
                  region: 1,
                  amount: 1,
                  share: 1,
                  soldOn: 1,
                  soldAt: 1,
                },
              },
            ],
            columns: SAMPLE_COLUMNS,
          },
          formats: [format],
          idempotencyKey,
          requestedBy: 'bench',
        }),
      ),
      attributes: { pattern: 'report.generate' },
    });
    const lost = new Promise<never>((_, reject) => {
      const check = setInterval(() => {
        const gone = worker?.exitReason();
        if (gone) {
          clearInterval(check);
          reject(new Error(gone));
        }
      }, 500);
      void arrival.finally(() => clearInterval(check)).catch(() => undefined);
    });
    const { event, receivedAt } = await Promise.race([arrival, lost]);
    const samples = sampler.stop();
    const done = worker.snapshot();
    const heap = await heapPoller.stop();
    if (event.event !== 'report.completed') {
      return {
        format,
        rows,
        heapCapMb,
        ok: false,
        error: `${event.event}: ${event.error?.code ?? ''} ${event.error?.message ?? ''}`,
        samples,
        heap,
      };
    }
    return {
      format,
      rows,
      heapCapMb,
      ok: true,
      idleRssBytes: idle?.rssBytes,
      idleAnonBytes: idle?.rssAnonBytes,
      peakRssBytes: done?.peakRssBytes ?? samples.kernelPeakRssBytes,
      samples,
      heap,
      workerCpuMs: idle && done ? done.cpuMs - idle.cpuMs : undefined,
      wallSeconds: (receivedAt - publishedAt) / 1_000,
      runSeconds: event.durationMs === undefined ? undefined : event.durationMs / 1_000,
      fileBytes: event.files?.[0]?.bytes,
    };
  } catch (error) {
    return { format, rows, heapCapMb, ok: false, error: describeError(error) };
  } finally {
    await heapPoller?.stop();
    await worker?.stop();
    await events?.close();
  }
}

function heapOf(entry: ScaleCase): string {
  return entry.heapCapMb ? `old space ≤ ${entry.heapCapMb} MB` : 'default';
}

function scaleTargets(cases: readonly ScaleCase[]): TargetCheck[] {
  const measured = (format: ScaleFormat) =>
    cases.filter((entry) => entry.format === format && entry.ok);
  const targets: TargetCheck[] = [];
  const absolute = (format: ScaleFormat, limitMb: number, targetRows: number) => {
    const largest = measured(format).at(-1);
    const atSize = largest?.rows === targetRows;
    targets.push({
      name: `Pipeline peak RSS, ${format.toUpperCase()} ${whole(targetRows)} rows`,
      measured: largest
        ? `${mb(largest.peakRssBytes)}${atSize ? '' : ` at ${whole(largest.rows)} rows`}`
        : cases.some((entry) => entry.format === format)
          ? 'n/a (failed)'
          : 'not run',
      target: `≤ ${limitMb} MB`,
      pass: largest && atSize ? largest.peakRssBytes! <= limitMb * 1024 * 1024 : null,
      note:
        largest && !atSize
          ? `measured at ${whole(largest.rows)} rows, not the ${whole(targetRows)} the target is stated for`
          : undefined,
    });
  };
  absolute('csv', LIMITS.csv, TARGET_ROWS);
  absolute('xlsx', LIMITS.xlsx, TARGET_ROWS);
  absolute('pdf', LIMITS.pdf, TARGET_PDF_ROWS);
  for (const format of ['csv', 'xlsx'] as const) {
    const runs = measured(format);
    const [small, large] = [runs[0], runs.at(-1)];
    const comparable = small && large && small !== large;
    const growth = comparable ? large.peakRssBytes! - small.peakRssBytes! : undefined;
    const atSizes = comparable && large.rows === TARGET_ROWS && small.rows === 100_000;
    targets.push({
      name: `Pipeline peak RSS growth, ${format.toUpperCase()} 1,000,000 vs 100,000 rows`,
      measured: comparable
        ? `${mbChange(growth)} (${mb(large.peakRssBytes)} at ${whole(large.rows)} vs ${mb(small.peakRssBytes)} at ${whole(small.rows)})`
        : 'n/a',
      target: `≤ +${LIMITS.growth} MB`,
      pass: comparable && atSizes ? growth! <= LIMITS.growth * 1024 * 1024 : null,
      note:
        comparable && !atSizes
          ? `measured between ${whole(small.rows)} and ${whole(large.rows)} rows`
          : undefined,
    });
  }
  return targets;
}
