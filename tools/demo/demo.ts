/**
 * `npm run demo`: the worker's main job end to end, on this machine, in one
 * command. See tools/demo/README.md.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { type Message, PubSub } from '@google-cloud/pubsub';
import { MongoClient } from 'mongodb';
import { freePort, startMongoServer, startPubSubEmulator } from '../local-services/index.js';
import { expectedFigures } from './expected-figures.js';
import { Progress, seconds } from './progress.js';
import {
  FOLLOWERS,
  MARKET_TIME_ZONE,
  previousMonth,
  sampleActivity,
  TRADES_DEFINITION,
  TRADES_DEFINITION_NAME,
  type DemoMonth,
  type FollowerDocument,
} from './sample-data.js';
import { addressText, type CapturedMail, SmtpSink } from './smtp-sink.js';
import { Teardown } from './teardown.js';
import { byteSize, textTable } from './text-table.js';
import { WorkerProcess } from './worker-process.js';
import type { ReportEvent } from '../../apps/report-worker/src/reports/report-events.publisher.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUTPUT_DIR = join(ROOT, 'demo-output');
const WORKER_SCRIPT = join(ROOT, 'dist', 'apps', 'report-worker', 'src', 'main.js');
const FORMATS = ['pdf', 'xlsx', 'csv', 'html', 'json'] as const;
const PROJECT_ID = 'report-worker-demo';
const SENDER = 'reports@copytrading.example';
const ADMIN = 'admin@copytrading.example';
/** The worker's defaults, used unless DEMO_WORKER_* overrides them. */
const DEFAULT_COMMISSION_PERCENT = 20;
const DEFAULT_CURRENCY = 'EUR';
/** SHUTDOWN_GRACE_MS (8 s) plus the worker's own 2 s backstop, plus a margin. */
const WORKER_STOP_TIMEOUT_MS = 15_000;

/** A failure with a message that says it all: printed without a stack. */
class DemoFailure extends Error {
  override readonly name = 'DemoFailure';
}

class Interrupted extends Error {
  override readonly name = 'Interrupted';
  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
  }
}

interface Settings {
  emulatorHost?: string;
  mongoUri?: string;
  timeoutMs: number;
  skipBuild: boolean;
  keepDatabase: boolean;
  /** DEMO_WORKER_X=value becomes the worker's X=value. */
  workerOverrides: Record<string, string>;
}

function readSettings(env: NodeJS.ProcessEnv): Settings {
  const timeout = env.DEMO_TIMEOUT_SECONDS ?? '180';
  if (!/^\d+$/.test(timeout) || Number(timeout) < 1) {
    throw new DemoFailure(
      `DEMO_TIMEOUT_SECONDS must be a whole number of seconds, got "${timeout}"`,
    );
  }
  const flag = (name: string) => /^(1|true|yes)$/i.test(env[name] ?? '');
  const workerOverrides = Object.fromEntries(
    Object.entries(env)
      .filter(([name, value]) => name.startsWith('DEMO_WORKER_') && value !== undefined)
      .map(([name, value]) => [name.slice('DEMO_WORKER_'.length), value!]),
  );
  return {
    emulatorHost: env.PUBSUB_EMULATOR_HOST || undefined,
    mongoUri: env.MONGODB_URI || undefined,
    timeoutMs: Number(timeout) * 1000,
    skipBuild: flag('DEMO_SKIP_BUILD'),
    keepDatabase: flag('DEMO_KEEP_DB'),
    workerOverrides,
  };
}

/** A run the demo asked for, directly (report.generate) or through the monthly job. */
interface ExpectedRun {
  key: string;
  /** The request's pattern: as expected, then as the run records it. */
  pattern: string;
  label: string;
  event?: ReportEvent;
  /** From `GET /runs/:id`. */
  attempts?: number;
}

interface DownloadedFile {
  run: ExpectedRun;
  format: string;
  path?: string;
  bytes?: number;
  problem?: string;
}

const progress = new Progress();
const say = (text = '') => progress.line(text);
const ok = (text: string) => say(`${progress.paint('✓', 'green')} ${text}`);
const bad = (text: string) => say(`${progress.paint('✗', 'red')} ${text}`);
const note = (text: string) => say(progress.paint(`  ${text}`, 'dim'));

const startedAt = Date.now();
const interrupt = new AbortController();
const teardown = new Teardown(note);

async function runDemo(settings: Settings, signal: AbortSignal): Promise<string[]> {
  const problems: string[] = [];
  const demoId = `${new Date().toISOString().slice(0, 19).replace(/\D/g, '')}-${randomBytes(3).toString('hex')}`;
  const month = previousMonth(new Date());
  rmSync(OUTPUT_DIR, { recursive: true, force: true });
  mkdirSync(join(OUTPUT_DIR, 'mail'), { recursive: true });
  say(
    progress.paint(
      `report-worker demo ${demoId}: follower reports for ${month.period} (${MARKET_TIME_ZONE})`,
      'bold',
    ),
  );

  // 1. Build.
  if (settings.skipBuild) {
    if (!existsSync(WORKER_SCRIPT))
      throw new DemoFailure(
        `DEMO_SKIP_BUILD is set but ${relative(ROOT, WORKER_SCRIPT)} does not exist: run npm run build`,
      );
    note('DEMO_SKIP_BUILD: using the existing build');
  } else {
    const buildStarted = Date.now();
    progress.waiting(() => 'building the worker (npm run build)');
    await build(signal);
    progress.done();
    ok(`built the worker (${seconds(Date.now() - buildStarted)})`);
  }

  // 2. Pub/Sub emulator, MongoDB-wire server and SMTP sink.
  const { emulatorHost, mongoUri, sink } = await startServices(settings, signal);
  const ownEmulator = !settings.emulatorHost;

  // 3. Sample data in a database of its own.
  const dbName = `demo_${demoId.replace(/-/g, '_')}`;
  const client = new MongoClient(mongoUri);
  teardown.add('the demo’s MongoDB connection', () => client.close());
  const db = client.db(dbName);
  const { positions, trades } = sampleActivity(month);
  await db
    .collection<FollowerDocument>('followers')
    .insertMany(FOLLOWERS.map((follower) => ({ ...follower })));
  await db.collection('positions').insertMany(positions.map((position) => ({ ...position })));
  await db.collection('trades').insertMany(trades.map((trade) => ({ ...trade })));
  // A server the demo started takes its data with it; on one it was given, the database is dropped.
  if (settings.mongoUri && settings.keepDatabase) {
    note(`DEMO_KEEP_DB: database ${dbName} stays on ${redactUri(mongoUri)}`);
  } else if (settings.mongoUri) {
    teardown.add(`database ${dbName}`, async () => void (await db.dropDatabase()), 'dropped');
  }
  const enabled = FOLLOWERS.filter((follower) => follower.enabled);
  ok(
    `seeded ${dbName}: ${FOLLOWERS.length} followers (${FOLLOWERS.length - enabled.length} disabled), ` +
      `${positions.length} positions and ${trades.length} trades on ${month.weekdays.length} weekdays`,
  );

  // 4. Topics and the results subscription (before the worker, so they are removed after it stops).
  const names = pubsubNames(ownEmulator ? undefined : demoId);
  // A universe domain given up front spares google-auth a probe for the GCE metadata server
  // (and its MetadataLookupWarning): the emulator needs no credentials.
  const pubsub = new PubSub({
    projectId: PROJECT_ID,
    apiEndpoint: emulatorHost,
    emulatorMode: true,
    universeDomain: 'googleapis.com',
  });
  teardown.add('the Pub/Sub client', () => pubsub.close());
  const expected = expectedRuns(demoId, month);
  const results = await readResults(pubsub, names, demoId, ownEmulator, expected);

  // 5. The worker.
  const token = `demo-${randomBytes(12).toString('hex')}`;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const workerEnv: Record<string, string> = {
    ...inheritedEnvironment(),
    PORT: String(port),
    GOOGLE_CLOUD_PROJECT: PROJECT_ID,
    PUBSUB_EMULATOR_HOST: emulatorHost,
    MONGODB_URI: mongoUri,
    MONGODB_DB: dbName,
    API_TOKENS: token,
    SIGNING_SECRET: randomBytes(32).toString('hex'),
    EMAIL_TRANSPORT: 'smtp',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(sink.port),
    REPORT_SENDER_EMAIL: SENDER,
    ADMIN_EMAIL: ADMIN,
    PUSH_ENABLED: 'true',
    PUSH_PATH: '/',
    // The old push contract carries no token.
    PUSH_AUTH_DISABLED: 'true',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'warn',
    ...(ownEmulator
      ? {}
      : {
          PUBSUB_TOPIC: names.requests,
          PUBSUB_SUBSCRIPTION: names.requestsSubscription,
          PUBSUB_DEAD_LETTER_TOPIC: names.deadLetter,
          REPORT_RESULTS_TOPIC: names.results,
        }),
    ...settings.workerOverrides,
  };
  const logFile = join(OUTPUT_DIR, 'worker.log');
  const worker = WorkerProcess.start(WORKER_SCRIPT, workerEnv, logFile);
  let workerExit: Promise<{ clean: boolean; text: string }> | undefined;
  const stopWorker = () => {
    const stopping = Date.now();
    return (workerExit ??= worker.stop(WORKER_STOP_TIMEOUT_MS).then((exit) => ({
      clean: !exit.killed && exit.code === 0,
      text: `${exit.killed ? 'killed: it had not exited 15 s after SIGTERM' : exit.signal ? `ended by ${exit.signal}` : `exit code ${exit.code}`}, after ${Date.now() - stopping} ms`,
    })));
  };
  teardown.add('the worker', async () => {
    const alreadyStopping = workerExit !== undefined;
    const exit = await stopWorker();
    if (!alreadyStopping) note(`worker: ${exit.text}`);
  });
  const workerStarted = Date.now();
  progress.waiting(() => `starting the worker (pid ${worker.pid}) on ${baseUrl}`);
  await worker.waitReady(baseUrl, 60_000, signal);
  progress.done();
  ok(
    `worker ready on ${baseUrl} (pid ${worker.pid}, ${seconds(Date.now() - workerStarted)}), log: ${relative(ROOT, logFile)}`,
  );

  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });

  // 6. The report definition.
  const saved = await api('PUT', `/definitions/${TRADES_DEFINITION_NAME}`, TRADES_DEFINITION);
  if (saved.status !== 201)
    throw new DemoFailure(
      `PUT /definitions/${TRADES_DEFINITION_NAME} answered ${saved.status}: ${await saved.text()}`,
    );
  const version = ((await saved.json()) as { version?: number }).version;
  ok(
    `saved definition ${TRADES_DEFINITION_NAME} v${version} over trades (PUT /definitions/${TRADES_DEFINITION_NAME} → 201)`,
  );

  // 7. Daily jobs, the old push contract.
  const push = (job: unknown) =>
    fetch(`${baseUrl}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        message: { data: Buffer.from(JSON.stringify(job)).toString('base64') },
      }),
      signal,
    });
  const dailyStarted = Date.now();
  progress.waiting(() => `daily P&L jobs via POST / (${month.weekdays.length} weekdays)`);
  for (const day of month.weekdays) {
    const answer = await push({ job_type: 'daily', date: day });
    if (answer.status !== 204)
      throw new DemoFailure(
        `POST / {"job_type":"daily","date":"${day}"} answered ${answer.status}: ${await answer.text()}`,
      );
  }
  progress.done();
  const dailyDocuments = await db.collection('daily_pnl').countDocuments({
    date: { $gte: month.from.replace(/-/g, ''), $lt: month.until.replace(/-/g, '') },
  });
  const dailyExpected = FOLLOWERS.length * month.weekdays.length;
  ok(
    `${month.weekdays.length} daily jobs via POST / → 204 each (${seconds(Date.now() - dailyStarted)})`,
  );
  if (dailyDocuments === dailyExpected)
    ok(
      `daily_pnl holds ${dailyDocuments} documents (${FOLLOWERS.length} followers × ${month.weekdays.length} days)`,
    );
  else {
    bad(`daily_pnl holds ${dailyDocuments} documents, expected ${dailyExpected}`);
    problems.push(
      `daily_pnl holds ${dailyDocuments} documents for ${month.period}, expected ${dailyExpected}`,
    );
  }

  // 8. The monthly job: one report per enabled follower, e-mailed.
  const monthly = await push({ job_type: 'monthly' });
  if (monthly.status !== 204)
    throw new DemoFailure(
      `POST / {"job_type":"monthly"} answered ${monthly.status}: ${await monthly.text()}`,
    );
  ok(`monthly job via POST / → 204 (period defaults to the previous month, ${month.period})`);

  // 9. Generic reports over Pub/Sub, one request per format.
  for (const format of FORMATS) {
    const request = {
      definition: TRADES_DEFINITION_NAME,
      parameters: { from: month.from, until: month.until },
      formats: [format],
      timeZone: MARKET_TIME_ZONE,
      currency: 'USD',
      idempotencyKey: tradesKey(demoId, format),
      requestedBy: 'npm run demo',
      correlationId: demoId,
    };
    await pubsub.topic(names.requests).publishMessage({
      data: Buffer.from(JSON.stringify(request)),
      attributes: { pattern: 'report.generate' },
    });
  }
  ok(
    `published ${FORMATS.length} report.generate requests to ${names.requests} (${FORMATS.join(', ')})`,
  );

  // 10. Wait for every run's event and every e-mail.
  // Judged by the SMTP envelope: who the message was actually sent to.
  const mailFor = (email: string) =>
    sink.mails.filter(
      (mail) => mail.recipients.includes(email) && mail.parsed.subject?.endsWith(month.period),
    );
  const finished = () => expected.filter((run) => run.event).length;
  const mailed = () => enabled.filter((follower) => mailFor(follower.email).length > 0).length;
  const deadline = Date.now() + settings.timeoutMs;
  let timedOut = false;
  progress.waiting(
    () =>
      `waiting for results: ${finished()}/${expected.length} runs, ${mailed()}/${enabled.length} e-mails`,
  );
  while (finished() < expected.length || mailed() < enabled.length) {
    signal.throwIfAborted();
    const death = worker.exitReason();
    if (death)
      throw new DemoFailure(
        `The worker stopped unexpectedly (${death}). End of ${relative(ROOT, logFile)}:\n${worker.logTail()}`,
      );
    if (Date.now() > deadline) {
      progress.done();
      const missing = [
        ...expected.filter((run) => !run.event).map((run) => `no event for ${run.label}`),
        ...enabled
          .filter((follower) => mailFor(follower.email).length === 0)
          .map((follower) => `no e-mail to ${follower.email}`),
      ];
      problems.push(
        `timed out after ${settings.timeoutMs / 1000} s (DEMO_TIMEOUT_SECONDS): ${missing.join('; ')}`,
      );
      bad(`timed out after ${settings.timeoutMs / 1000} s waiting for: ${missing.join('; ')}`);
      timedOut = true;
      break;
    }
    await sleep(200, undefined, { signal }).catch(() => undefined);
  }
  progress.done();
  // A duplicate e-mail would arrive right after the first; give it a moment to show.
  if (!timedOut) await sleep(1_000, undefined, { signal });
  // What came in time is what is judged; anything later is only shown.
  results.freeze();
  const mails = sink.mails.slice();
  await results.stop();

  // 11. Runs and their files.
  for (const run of expected.filter((candidate) => candidate.event)) {
    const view = await api('GET', `/runs/${run.event!.runId}`);
    if (!view.ok) continue;
    const record = (await view.json()) as { attempts?: number; pattern?: string };
    run.attempts = record.attempts;
    run.pattern = record.pattern ?? run.pattern;
  }
  const downloads = await downloadFiles(expected, api);
  const linkProblem = await checkSignedLink(expected, signal);
  if (linkProblem) problems.push(linkProblem);
  for (const download of downloads.filter((file) => file.problem))
    problems.push(`${download.run.label}: ${download.problem}`);
  for (const run of expected) {
    if (!run.event) continue;
    if (run.event.status !== 'succeeded')
      problems.push(
        `${run.label}: ${run.event.error?.code ?? 'failed'}: ${run.event.error?.message ?? ''}`,
      );
  }
  if (!problems.some((problem) => problem.startsWith('timed out'))) {
    for (const run of expected.filter((candidate) => !candidate.event))
      problems.push(`no event for ${run.label}`);
  }

  say();
  say(progress.paint('Runs', 'bold'));
  say(runsTable(expected, downloads));

  // 12. E-mails: one per enabled follower, with the right figures; none to anyone else.
  say();
  say(progress.paint(`E-mails captured by the SMTP sink on 127.0.0.1:${sink.port}`, 'bold'));
  mails.forEach((mail, index) => {
    const recipient = mail.recipients[0]?.replace(/[^\w.@-]+/g, '_') ?? 'unknown';
    writeFileSync(
      join(OUTPUT_DIR, 'mail', `${String(index + 1).padStart(2, '0')}-${recipient}.eml`),
      mail.raw,
    );
  });
  say(mails.length > 0 ? mailsTable(mails) : '(none)');
  problems.push(...checkMails(mails, month, positions, settings.workerOverrides));

  // 13. The worker's own account: stop it now, so its shutdown is in the log too.
  say();
  const exit = await stopWorker();
  (exit.clean ? ok : bad)(`worker stopped with SIGTERM: ${exit.text}`);
  if (!exit.clean) problems.push(`the worker did not shut down cleanly on SIGTERM (${exit.text})`);
  summarizeWorkerLog(logFile, workerEnv.LOG_LEVEL ?? 'info');
  say(
    `Files: ${relative(process.cwd(), OUTPUT_DIR) || '.'}/ (reports, mail/*.eml, events.ndjson, worker.log)`,
  );
  return problems;
}

/** `npm run build`, its output shown only when it fails. */
async function build(signal: AbortSignal): Promise<void> {
  const child = spawn('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const kill = () => child.kill('SIGTERM');
  signal.addEventListener('abort', kill, { once: true });
  const code = await new Promise<number | null>((done) => {
    child.once('close', (exitCode) => done(exitCode));
    child.once('error', (error) => {
      output += error.message;
      done(null);
    });
  });
  signal.removeEventListener('abort', kill);
  signal.throwIfAborted();
  if (code !== 0) {
    throw new DemoFailure(
      `npm run build failed (exit code ${code}):\n${output.trim().split('\n').slice(-40).join('\n')}`,
    );
  }
}

async function startServices(settings: Settings, signal: AbortSignal) {
  const started = Date.now();
  const took = () => seconds(Date.now() - started);
  const sink = new SmtpSink();
  await sink.start();
  teardown.add('the SMTP sink', () => sink.stop());
  sink.onMail((mail) =>
    say(
      `${progress.paint('✉', 'green')} e-mail to ${addressText(mail.parsed.to)}: "${mail.parsed.subject ?? ''}", ` +
        `${mail.parsed.attachments.length} attachment${mail.parsed.attachments.length === 1 ? '' : 's'}`,
    ),
  );
  const emulator = settings.emulatorHost
    ? Promise.resolve(settings.emulatorHost)
    : teardown
        .adopt('the Pub/Sub emulator', startPubSubEmulator(), (running) => running.stop())
        .then((running) => {
          ok(`Pub/Sub emulator on ${running.host} (${took()})`);
          return running.host;
        });
  const mongo = settings.mongoUri
    ? Promise.resolve(settings.mongoUri)
    : teardown
        .adopt('the MongoDB-wire server', startMongoServer(), (running) => running.dispose())
        .then((running) => {
          ok(`${running.kind === 'mongod' ? 'mongod' : 'FerretDB'} on ${running.uri} (${took()})`);
          return running.uri;
        });
  if (settings.emulatorHost)
    ok(`Pub/Sub emulator: ${settings.emulatorHost} (PUBSUB_EMULATOR_HOST)`);
  if (settings.mongoUri) ok(`MongoDB: ${redactUri(settings.mongoUri)} (MONGODB_URI)`);
  ok(`SMTP sink on 127.0.0.1:${sink.port}`);
  const starting = [
    ...(settings.emulatorHost ? [] : ['the Pub/Sub emulator']),
    ...(settings.mongoUri
      ? []
      : ['a MongoDB-wire server (the first run builds FerretDB with Go, ~1 min)']),
  ];
  if (starting.length > 0) progress.waiting(() => `starting ${starting.join(' and ')}`);
  const [emulatorHost, mongoUri] = await abortable(Promise.all([emulator, mongo]), signal);
  progress.done();
  return { emulatorHost, mongoUri, sink };
}

/** The worker's defaults with an emulator the demo started; names of this demo's own on a shared one. */
function pubsubNames(suffix: string | undefined) {
  const name = (base: string) => (suffix ? `${base}-demo-${suffix}` : base);
  return {
    requests: name('report-requests'),
    requestsSubscription: suffix ? `report-worker-demo-${suffix}` : 'report-worker',
    deadLetter: name('report-requests-dead-letter'),
    results: name('report-results'),
    resultsSubscription: `demo-results-${suffix ?? 'reader'}`,
  };
}

function expectedRuns(demoId: string, month: DemoMonth): ExpectedRun[] {
  return [
    ...FORMATS.map((format) => ({
      key: tradesKey(demoId, format),
      pattern: 'report.generate',
      label: `${TRADES_DEFINITION_NAME} ${format}`,
    })),
    ...FOLLOWERS.filter((follower) => follower.enabled).map((follower) => ({
      // The worker's key for a follower's report of a period (FollowerReportService).
      key: `monthly-report:${follower._id}:${month.period}`,
      pattern: 'report.monthly.follower',
      label: `monthly report of ${follower.name}`,
    })),
  ];
}

const tradesKey = (demoId: string, format: string) => `demo-${demoId}-trades-${format}`;

/**
 * Subscribes to the results topic and matches each event to the run it is
 * about, printing a line as it arrives. Every event is also appended to
 * demo-output/events.ndjson.
 */
async function readResults(
  pubsub: PubSub,
  names: ReturnType<typeof pubsubNames>,
  demoId: string,
  ownEmulator: boolean,
  expected: ExpectedRun[],
) {
  const topic = pubsub.topic(names.results);
  await topic.create().catch(ignoreAlreadyExists);
  if (!ownEmulator) {
    // The worker creates its own; on a shared emulator they are this demo's to remove.
    teardown.add(
      'the demo’s topics and subscriptions',
      async () => {
        await pubsub
          .subscription(names.requestsSubscription)
          .delete()
          .catch(() => undefined);
        for (const name of [names.requests, names.deadLetter, names.results])
          await pubsub
            .topic(name)
            .delete()
            .catch(() => undefined);
      },
      'deleted',
    );
  }
  await topic.createSubscription(names.resultsSubscription);
  const subscription = pubsub.subscription(names.resultsSubscription);
  const eventsFile = join(OUTPUT_DIR, 'events.ndjson');
  let duplicates = 0;
  let frozen = false;
  subscription.on('message', (message: Message) => {
    message.ack();
    appendFileSync(eventsFile, `${message.data.toString()}\n`);
    let event: ReportEvent;
    try {
      event = JSON.parse(message.data.toString()) as ReportEvent;
    } catch {
      note(`unreadable event ${message.id} on ${names.results}`);
      return;
    }
    const run = expected.find((candidate) => candidate.key === event.idempotencyKey);
    if (frozen) {
      note(`too late: ${event.event} for ${run?.label ?? event.idempotencyKey}`);
      return;
    }
    if (!run) {
      note(`${event.event} of a run this demo did not ask for (${event.idempotencyKey})`);
      return;
    }
    if (run.event) {
      duplicates++;
      return;
    }
    run.event = event;
    const count = `${expected.filter((candidate) => candidate.event).length}/${expected.length}`;
    if (event.status === 'succeeded') {
      ok(
        `${event.event}  ${run.pattern}  ${run.label}: ${event.rowCount ?? '?'} rows, ${event.files.map((file) => file.format).join('+')}, ${event.durationMs ?? '?'} ms  (${count})`,
      );
    } else {
      bad(
        `${event.event}  ${run.pattern}  ${run.label}: ${event.error?.code ?? '?'}: ${event.error?.message ?? ''}  (${count})`,
      );
    }
  });
  subscription.on('error', (error: Error) => note(`results subscription: ${error.message}`));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await subscription.close();
    if (duplicates > 0)
      note(`${duplicates} duplicate event(s) ignored (the same run announced again)`);
    if (!ownEmulator) await subscription.delete().catch(() => undefined);
  };
  teardown.add('the results subscription', stop);
  note(
    `reading ${names.results} through subscription ${names.resultsSubscription}${ownEmulator ? '' : ` (demo ${demoId})`}`,
  );
  return { stop, freeze: () => void (frozen = true) };
}

/** Every file of every completed run, over the runs API, checked against its event. */
async function downloadFiles(
  runs: ExpectedRun[],
  api: (method: string, path: string) => Promise<Response>,
): Promise<DownloadedFile[]> {
  const downloads: DownloadedFile[] = [];
  const used = new Set<string>();
  for (const run of runs) {
    if (run.event?.status !== 'succeeded') continue;
    for (const file of run.event.files) {
      const download: DownloadedFile = { run, format: file.format };
      downloads.push(download);
      const response = await api('GET', `/runs/${run.event.runId}/files/${file.format}`);
      if (response.status !== 200) {
        download.problem = `GET /runs/${run.event.runId}/files/${file.format} answered ${response.status}`;
        continue;
      }
      const bytes = Buffer.from(await response.arrayBuffer());
      download.bytes = bytes.length;
      const safeName =
        file.filename.replace(/[^\w.-]+/g, '_') || `${run.event.runId}.${file.format}`;
      const name = used.has(safeName) ? `${run.event.runId}-${safeName}` : safeName;
      used.add(name);
      download.path = join(OUTPUT_DIR, name);
      writeFileSync(download.path, bytes);
      const digest = createHash('sha256').update(bytes).digest('hex');
      if (bytes.length !== file.bytes || digest !== file.sha256) {
        download.problem = `${file.format} file differs from its event: ${bytes.length} bytes, sha256 ${digest.slice(0, 12)}…; event says ${file.bytes} bytes, ${file.sha256.slice(0, 12)}…`;
      }
    }
  }
  return downloads;
}

/**
 * The signed link of one file, as an e-mail or an event carries it, works
 * without a token and gives the same bytes. Returns a problem, if any.
 */
async function checkSignedLink(
  runs: ExpectedRun[],
  signal: AbortSignal,
): Promise<string | undefined> {
  const file = runs.find((run) => run.event?.status === 'succeeded' && run.event.files.length > 0)
    ?.event!.files[0];
  if (!file) return undefined;
  const response = await fetch(file.url, { signal });
  const bytes = Buffer.from(await response.arrayBuffer());
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (response.status === 200 && digest === file.sha256) {
    ok(`signed link of ${file.filename} works without a token (200, same sha256)`);
    return undefined;
  }
  const problem = `the signed link of ${file.filename} answered ${response.status}${response.status === 200 ? ' with other bytes' : ''}`;
  bad(problem);
  return problem;
}

function runsTable(runs: ExpectedRun[], downloads: DownloadedFile[]): string {
  type Row = { run: ExpectedRun; download?: DownloadedFile };
  const rows: Row[] = runs.flatMap((run) => {
    const files = downloads.filter((download) => download.run === run);
    return files.length > 0 ? files.map((download) => ({ run, download })) : [{ run }];
  });
  return textTable(rows, [
    { header: 'pattern', value: ({ run }) => run.pattern },
    { header: 'run', value: ({ run }) => run.label },
    {
      header: 'status',
      value: ({ run, download }) =>
        !run.event
          ? 'no event'
          : run.event.status === 'succeeded'
            ? download?.problem
              ? 'bad file'
              : 'succeeded'
            : `failed ${run.event.error?.code ?? ''}`,
    },
    { header: 'ms', align: 'right', value: ({ run }) => String(run.event?.durationMs ?? '') },
    { header: 'tries', align: 'right', value: ({ run }) => String(run.attempts ?? '') },
    { header: 'rows', align: 'right', value: ({ run }) => String(run.event?.rowCount ?? '') },
    { header: 'bytes', align: 'right', value: ({ download }) => String(download?.bytes ?? '') },
    {
      header: 'file',
      value: ({ download }) =>
        download?.path ? relative(process.cwd(), download.path) : (download?.problem ?? ''),
    },
  ]);
}

function mailsTable(mails: readonly CapturedMail[]): string {
  return textTable(mails, [
    { header: 'to', value: (mail) => addressText(mail.parsed.to) },
    { header: 'cc', value: (mail) => addressText(mail.parsed.cc) },
    { header: 'subject', value: (mail) => mail.parsed.subject ?? '' },
    {
      header: 'attachments',
      value: (mail) =>
        mail.parsed.attachments
          .map((file) => `${file.filename ?? '(unnamed)'} (${byteSize(file.size)})`)
          .join(', '),
    },
  ]);
}

/** One e-mail per enabled follower for the period, CC the admin, with the P&L and commission the data gives. */
function checkMails(
  mails: readonly CapturedMail[],
  month: DemoMonth,
  positions: Parameters<typeof expectedFigures>[1],
  overrides: Record<string, string>,
): string[] {
  const problems: string[] = [];
  const rate = Number(overrides.DEFAULT_COMMISSION_PERCENTAGE ?? DEFAULT_COMMISSION_PERCENT);
  const money = new Intl.NumberFormat(overrides.REPORT_LOCALE ?? 'en-US', {
    style: 'currency',
    currency: overrides.REPORT_CURRENCY ?? DEFAULT_CURRENCY,
  });
  const figures = expectedFigures(FOLLOWERS, positions, rate);
  for (const follower of FOLLOWERS) {
    const received = mails.filter(
      (mail) =>
        mail.recipients.includes(follower.email) && mail.parsed.subject?.endsWith(month.period),
    );
    if (!follower.enabled) {
      if (received.length > 0)
        problems.push(`${follower.name} is disabled but got ${received.length} e-mail(s)`);
      continue;
    }
    if (received.length !== 1) {
      problems.push(
        `${follower.name} <${follower.email}> got ${received.length} e-mails for ${month.period}, expected 1`,
      );
      continue;
    }
    const [mail] = received as [CapturedMail];
    if (!mail.recipients.includes(ADMIN))
      problems.push(`the e-mail to ${follower.email} does not copy ${ADMIN}`);
    const expected = figures.get(follower._id)!;
    const body =
      `${mail.parsed.text ?? ''}\n${typeof mail.parsed.html === 'string' ? mail.parsed.html : ''}`.replace(
        /[\u00a0\u202f]/g,
        ' ',
      );
    const pnl = money.format(expected.pnlCents / 100);
    const fees = expected.commissionCents.map((cents) => money.format(cents / 100));
    const pct = follower.commission_pct ?? rate;
    if (body.includes(pnl) && fees.some((fee) => body.includes(fee))) {
      ok(
        `figures of ${follower.name}: P&L ${pnl}, commission ${fees.join(' or ')} at ${pct} % (as computed from the seeded positions)`,
      );
    } else {
      bad(
        `figures of ${follower.name}: expected P&L ${pnl} and commission ${fees.join(' or ')} at ${pct} % in the e-mail, not found`,
      );
      problems.push(
        `the e-mail to ${follower.email} does not show P&L ${pnl} and commission ${fees.join(' or ')}`,
      );
    }
  }
  const known = new Set(FOLLOWERS.map((follower) => follower.email));
  for (const mail of mails) {
    if (!mail.recipients.some((recipient) => known.has(recipient)))
      problems.push(
        `unexpected e-mail to ${mail.recipients.join(', ')}: ${mail.parsed.subject ?? ''}`,
      );
  }
  return problems;
}

/** Counts the worker's log lines by severity and shows the warnings and errors, each message once. */
function summarizeWorkerLog(logFile: string, level: string): void {
  let text = '';
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return;
  }
  const counts = new Map<string, number>();
  const notable = new Map<string, number>();
  for (const line of text.split('\n').filter((candidate) => candidate.trim() !== '')) {
    let severity = 'TEXT';
    let message = line;
    try {
      const entry = JSON.parse(line) as { severity?: string; message?: unknown; context?: string };
      severity = entry.severity ?? 'DEFAULT';
      message = `${entry.context ? `[${entry.context}] ` : ''}${typeof entry.message === 'string' ? entry.message : JSON.stringify(entry.message)}`;
    } catch {
      // Not JSON: something wrote around the logger.
    }
    counts.set(severity, (counts.get(severity) ?? 0) + 1);
    if (severity !== 'INFO' && severity !== 'DEBUG')
      notable.set(`${severity} ${message}`, (notable.get(`${severity} ${message}`) ?? 0) + 1);
  }
  const summary =
    [...counts.entries()].map(([severity, count]) => `${count} ${severity}`).join(', ') || 'empty';
  say(`Worker log (${relative(process.cwd(), logFile)}, LOG_LEVEL=${level}): ${summary}`);
  for (const [message, count] of [...notable.entries()].slice(0, 8))
    note(`${count}× ${message.length > 220 ? `${message.slice(0, 220)}…` : message}`);
}

/** What the worker needs from the demo's own environment to run at all; nothing that could configure it. */
function inheritedEnvironment(): Record<string, string> {
  const names = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SYSTEMROOT'];
  return Object.fromEntries(
    names.flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])),
  );
}

function redactUri(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}

function ignoreAlreadyExists(error: unknown): void {
  // gRPC ALREADY_EXISTS: the worker (or an earlier demo) created it.
  if ((error as { code?: number }).code !== 6) throw error;
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolvePromise, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolvePromise(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}

async function main(): Promise<number> {
  let settings: Settings;
  try {
    settings = readSettings(process.env);
  } catch (error) {
    bad((error as Error).message);
    return 2;
  }
  let firstSignalAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstSignalAt === undefined) {
      firstSignalAt = Date.now();
      progress.done();
      say(
        progress.paint(
          `${signal}: stopping everything the demo started (${signal} again after a moment to leave it running and exit now)`,
          'yellow',
        ),
      );
      interrupt.abort(new Interrupted(signal));
    } else if (Date.now() - firstSignalAt > 1_500) {
      // The first signal may arrive twice (from the terminal and relayed by npm); a later one is the user insisting.
      bad(
        `${signal} again: exiting without finishing clean-up; check with pgrep -fa "cloud-pubsub-emulator|ferretdb|report-worker/src/main.js"`,
      );
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const interrupted = new Promise<never>((_, reject) =>
    interrupt.signal.addEventListener('abort', () => reject(interrupt.signal.reason as Error), {
      once: true,
    }),
  );
  interrupted.catch(() => undefined);
  const demo = runDemo(settings, interrupt.signal);
  // After an interruption the demo may still finish a step in the background; its errors no longer matter.
  demo.catch(() => undefined);
  let problems: string[];
  let exitCode: number;
  try {
    problems = await Promise.race([demo, interrupted]);
    exitCode = problems.length === 0 ? 0 : 1;
  } catch (error) {
    progress.done();
    if (error instanceof Interrupted) {
      problems = [error.message];
      exitCode = error.signal === 'SIGINT' ? 130 : 143;
    } else {
      const text =
        error instanceof DemoFailure ? error.message : ((error as Error).stack ?? String(error));
      bad(text);
      problems = [text.split('\n')[0]!];
      exitCode = 1;
    }
  }
  say();
  say(progress.paint('Stopping what the demo started', 'bold'));
  await teardown.run();
  say();
  const took = seconds(Date.now() - startedAt);
  if (exitCode === 0) {
    say(
      progress.paint(
        `✓ Demo succeeded in ${took}: every run succeeded and every enabled follower got one e-mail.`,
        'green',
      ),
    );
  } else {
    say(
      progress.paint(`✗ Demo ${exitCode >= 128 ? 'interrupted' : 'failed'} after ${took}:`, 'red'),
    );
    for (const problem of problems) say(`  - ${problem}`);
  }
  return exitCode;
}

process.on('uncaughtException', (error) => {
  // Something outside the flow (a client library's event) failed: still stop what was started.
  bad(`unexpected error: ${error.stack ?? error.message}`);
  void teardown.run().finally(() => process.exit(1));
});

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    bad(`the demo itself failed: ${(error as Error).stack ?? String(error)}`);
    void teardown.run().finally(() => process.exit(1));
  },
);
