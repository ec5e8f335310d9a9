import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import {
  fixed,
  mb,
  median,
  percentile,
  type SuiteReport,
  table,
  whole,
} from '../support/bench-report.js';
import type { BenchSettings } from '../support/bench-settings.js';
import type { LocalServices } from '../support/local-services.js';
import { emulatorClient, ResultEvents } from '../support/pubsub-tools.js';
import { SAMPLE_COLUMNS, sampleRows } from '../support/sample-rows.js';
import { BENCH_API_TOKEN, WorkerProcess } from '../support/worker-process.js';

const PROJECT_ID = 'report-worker-bench';
const DEFINITION = 'bench-sales';
const REQUEST_TIMEOUT_MS = 120_000;

interface LevelResult {
  concurrency: number;
  requests: number;
  completed: number;
  failed: number;
  failures: string[];
  latenciesMs: number[];
  p50Ms: number;
  p95Ms: number;
  meanMs: number;
  maxMs: number;
  /** Median of the runs' own duration (claim to finish) as the completion events state it. */
  runDurationP50Ms: number;
  /** The runs' own durations, in completion order. */
  runDurationsMs: number[];
  reportsPerSecond: number;
  workerCpuMsPerReport?: number;
  workerPeakRssBytes?: number;
}

/**
 * Latency from publishing `report.generate` to receiving its
 * `report.completed` event, through the real worker process, at each
 * concurrency level.
 */
export async function endToEndSuite(
  settings: BenchSettings,
  services: LocalServices,
  log: (line: string) => void,
): Promise<SuiteReport> {
  const { requests, rows, concurrency, formats, warmup } = settings.endToEnd;
  const runId = randomBytes(3).toString('hex');
  const prefix = `bench-e2e-${runId}`;
  const dbName = `bench_e2e_${runId}`;
  const mongo = new MongoClient(services.mongoUri, { directConnection: true });
  const pubsub = emulatorClient(services.emulatorHost, PROJECT_ID);
  let worker: WorkerProcess | undefined;
  let events: ResultEvents | undefined;
  const levels: LevelResult[] = [];
  try {
    await mongo
      .db(dbName)
      .collection('sales')
      .insertMany([...sampleRows(rows)]);
    events = await ResultEvents.open(pubsub, `${prefix}-results`, `${prefix}-results-reader`);
    log(`starting the worker (PUBSUB_MAX_MESSAGES ${Math.max(8, ...concurrency)})`);
    worker = await WorkerProcess.start({
      projectId: PROJECT_ID,
      emulatorHost: services.emulatorHost,
      mongoUri: services.mongoUri,
      dbName,
      requestsTopic: `${prefix}-requests`,
      requestsSubscription: `${prefix}-requests-sub`,
      resultsTopic: `${prefix}-results`,
      nodeOptions: settings.workerNodeOptions,
      maxMessages: Math.max(8, ...concurrency),
    });
    await saveDefinition(worker, formats);

    const requestsTopic = pubsub.topic(`${prefix}-requests`, { batching: { maxMessages: 1 } });
    const reader = events;
    let sequence = 0;
    const generate = async () => {
      const idempotencyKey = `${prefix}-${++sequence}`;
      const startedAt = performance.now();
      const arrival = reader.next(idempotencyKey, REQUEST_TIMEOUT_MS);
      await requestsTopic.publishMessage({
        data: Buffer.from(
          JSON.stringify({ definition: DEFINITION, formats, idempotencyKey, requestedBy: 'bench' }),
        ),
        attributes: { pattern: 'report.generate' },
      });
      const { event, receivedAt } = await arrival;
      return { ms: receivedAt - startedAt, event };
    };

    log(`warm-up: ${warmup} requests (not reported)`);
    for (let i = 0; i < warmup; i++) await generate();

    for (const lanes of concurrency) {
      log(`${requests} requests of ${rows} rows (${formats.join(', ')}), ${lanes} at a time`);
      const before = worker.snapshot();
      const latencies: number[] = [];
      const durations: number[] = [];
      const failures: string[] = [];
      let issued = 0;
      const startedAt = performance.now();
      await Promise.all(
        Array.from({ length: lanes }, async () => {
          while (issued < requests) {
            issued++;
            try {
              const { ms, event } = await generate();
              if (event.event === 'report.completed') {
                latencies.push(ms);
                if (event.durationMs !== undefined) durations.push(event.durationMs);
              } else
                failures.push(
                  `${event.event}: ${event.error?.code ?? ''} ${event.error?.message ?? ''}`.trim(),
                );
            } catch (error) {
              failures.push((error as Error).message);
            }
          }
        }),
      );
      const seconds = (performance.now() - startedAt) / 1_000;
      const after = worker.snapshot();
      const level: LevelResult = {
        concurrency: lanes,
        requests,
        completed: latencies.length,
        failed: failures.length,
        failures: [...new Set(failures)].slice(0, 5),
        latenciesMs: latencies,
        p50Ms: percentile(latencies, 50),
        p95Ms: percentile(latencies, 95),
        meanMs: latencies.reduce((sum, ms) => sum + ms, 0) / latencies.length,
        maxMs: Math.max(...latencies),
        runDurationP50Ms: median(durations),
        runDurationsMs: durations,
        reportsPerSecond: latencies.length / seconds,
        workerCpuMsPerReport: before && after ? (after.cpuMs - before.cpuMs) / requests : undefined,
        workerPeakRssBytes: after?.peakRssBytes,
      };
      levels.push(level);
      log(
        `  p50 ${fixed(level.p50Ms)} ms, p95 ${fixed(level.p95Ms)} ms, ${fixed(level.reportsPerSecond)} reports/s, ${level.failed} failed`,
      );
    }
  } finally {
    await worker?.stop();
    await events?.close();
    await pubsub.close();
    await mongo
      .db(dbName)
      .dropDatabase()
      .catch(() => undefined);
    await mongo.close();
  }

  const notes = levels.flatMap((level) => [
    ...(level.failed > 0
      ? [
          `At concurrency ${level.concurrency}, ${level.failed} of ${level.requests} requests did not complete: ${level.failures.join('; ')}`,
        ]
      : []),
    ...drift(level),
  ]);
  notes.push(
    'The latency includes two trips through the emulator (request in, completion event out), which is slower than real Pub/Sub; the worker, the emulator and FerretDB share the 2 cores, so concurrency 8 measures queueing on this machine as much as the worker.',
    '"run duration" is the worker\'s own time from claiming the run to finishing it, as its completion event reports (`durationMs`); the rest of the latency is Pub/Sub delivery both ways, decoding, validation and resolving the definition.',
  );
  return {
    id: 'e2e',
    title: '3. End to end: publish to completion event',
    method:
      `The built worker (\`node …/main.js\`, which calls \`createApp\`; NODE_ENV production, LOG_LEVEL warn) ran in its own process against the emulator and a fresh database holding a ${rows}-row collection and a stored definition (saved with \`PUT /definitions/${DEFINITION}\` and the bearer token). ` +
      `Each request is a \`report.generate\` message (formats: ${formats.join(', ')}; a distinct idempotency key) published unbatched; its latency runs from just before publishing until its \`report.completed\` event arrives on a subscription of \`REPORT_RESULTS_TOPIC\`. ` +
      `${warmup} unreported warm-up requests, then ${requests} requests per level, with that many in flight at once (closed loop), PUBSUB_MAX_MESSAGES ${Math.max(8, ...concurrency)}. Worker CPU and peak RSS come from /proc.` +
      (settings.workerNodeOptions
        ? ` The worker ran with NODE_OPTIONS \`${settings.workerNodeOptions}\` (BENCH_WORKER_NODE_OPTIONS).`
        : ''),
    body: table(
      [
        'in flight',
        'requests',
        'p50 ms',
        'p95 ms',
        'mean ms',
        'max ms',
        'run duration p50 ms',
        'reports/s',
        'worker CPU ms/report',
        'worker peak RSS',
      ],
      levels.map((level) => [
        String(level.concurrency),
        `${level.completed}/${level.requests}`,
        fixed(level.p50Ms),
        fixed(level.p95Ms),
        fixed(level.meanMs),
        fixed(level.maxMs),
        fixed(level.runDurationP50Ms),
        fixed(level.reportsPerSecond),
        fixed(level.workerCpuMsPerReport),
        mb(level.workerPeakRssBytes),
      ]),
      ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    targets: [],
    notes,
    data: {
      rows,
      formats,
      warmup,
      levels: levels.map(({ latenciesMs, ...level }) => ({
        ...level,
        latenciesMs: latenciesMs.map((ms) => Math.round(ms * 10) / 10),
      })),
      totalRequests: whole(levels.reduce((sum, level) => sum + level.requests, 0)),
    },
  };
}

/** Whether latency changed over the level: the p50 of its first and last quarter of requests, in completion order. */
function drift(level: LevelResult): string[] {
  const quarter = Math.floor(level.latenciesMs.length / 4);
  if (quarter < 5) return [];
  const firstAndLast = (values: number[]) => [
    percentile(values.slice(0, quarter), 50),
    percentile(values.slice(-quarter), 50),
  ];
  const [first, last] = firstAndLast(level.latenciesMs);
  if (Math.abs(last - first) / first < 0.2) return [];
  const [firstRun, lastRun] = firstAndLast(level.runDurationsMs);
  return [
    `At concurrency ${level.concurrency} the latency drifted over the run: p50 ${fixed(first)} ms over the first quarter of requests, ${fixed(last)} ms over the last; ` +
      `the worker's own run duration p50 went from ${fixed(firstRun)} to ${fixed(lastRun)} ms over the same quarters (each request leaves a run, a claim and a stored file in the database).`,
  ];
}

async function saveDefinition(worker: WorkerProcess, formats: readonly string[]): Promise<void> {
  const response = await fetch(`${worker.baseUrl}/definitions/${DEFINITION}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${BENCH_API_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'Sales benchmark',
      sourceCollection: 'sales',
      pipeline: [
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
      defaultFormats: formats,
    }),
  });
  if (response.status !== 201)
    throw new Error(`saving the definition answered ${response.status}: ${await response.text()}`);
}
