import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../tools/local-services/index.js';
import { WORKER_MAIN } from './bench-paths.js';
import { RssSampler, snapshot, type ProcessSnapshot } from './process-sampler.js';

/** The highest V8 heap figures the worker's /metrics showed while polled. */
export interface HeapPeaks {
  heapTotalBytes: number;
  heapUsedBytes: number;
  /** Memory of C++ objects bound to JavaScript ones, Buffers included. */
  externalBytes: number;
  polls: number;
}

/** The bearer token of the runs API of every benchmark worker. */
export const BENCH_API_TOKEN = 'bench-api-token';

export interface WorkerNames {
  readonly projectId: string;
  readonly emulatorHost: string;
  readonly mongoUri: string;
  readonly dbName: string;
  readonly requestsTopic: string;
  readonly requestsSubscription: string;
  readonly resultsTopic: string;
  readonly maxMessages: number;
  /** NODE_OPTIONS of the worker process, if any. */
  readonly nodeOptions?: string;
}

/**
 * The built worker (`node bench/.build/worker/apps/report-worker/src/main.js`),
 * run with plain Node (NODE_OPTIONS only when asked for), configured by its environment,
 * in its own process so that its memory and CPU time are its own.
 */
export class WorkerProcess {
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-8_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  static async start(
    names: WorkerNames,
    extraEnv: Record<string, string> = {},
  ): Promise<WorkerProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [WORKER_MAIN], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        PORT: String(port),
        GOOGLE_CLOUD_PROJECT: names.projectId,
        PUBSUB_EMULATOR_HOST: names.emulatorHost,
        METADATA_SERVER_DETECTION: 'none',
        MONGODB_URI: names.mongoUri,
        MONGODB_DB: names.dbName,
        // Warnings and errors only: per-message log lines must not be what is measured.
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json',
        API_TOKENS: BENCH_API_TOKEN,
        SIGNING_SECRET: 'bench-signing-secret-of-at-least-32-characters',
        PUBSUB_TOPIC: names.requestsTopic,
        PUBSUB_SUBSCRIPTION: names.requestsSubscription,
        PUBSUB_DEAD_LETTER_TOPIC: `${names.requestsTopic}-dlq`,
        PUBSUB_MAX_MESSAGES: String(names.maxMessages),
        REPORT_RESULTS_TOPIC: names.resultsTopic,
        REPORT_RETENTION_SWEEP_INTERVAL_MS: '0',
        ...(names.nodeOptions ? { NODE_OPTIONS: names.nodeOptions } : {}),
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const worker = new WorkerProcess(child, port);
    await worker.ready(60_000);
    return worker;
  }

  get pid(): number {
    return this.child.pid!;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  snapshot(): ProcessSnapshot | undefined {
    return snapshot(this.pid);
  }

  sampler(): RssSampler {
    return new RssSampler(this.pid, 20).start();
  }

  /**
   * Polls the worker's Prometheus endpoint (prom-client's default metrics)
   * for its V8 heap figures and keeps the highest: where a peak resident set
   * went. A scrape costs the worker well under a millisecond.
   */
  heapPoller(intervalMs = 500): { stop(): Promise<HeapPeaks> } {
    const peaks: HeapPeaks = { heapTotalBytes: 0, heapUsedBytes: 0, externalBytes: 0, polls: 0 };
    const stopped = new AbortController();
    const poll = async () => {
      while (!stopped.signal.aborted) {
        const text = await fetch(`${this.baseUrl}/metrics`, { signal: AbortSignal.timeout(2_000) })
          .then((response) => (response.ok ? response.text() : ''))
          .catch(() => '');
        if (text) {
          peaks.polls++;
          peaks.heapTotalBytes = Math.max(
            peaks.heapTotalBytes,
            metric(text, 'nodejs_heap_size_total_bytes'),
          );
          peaks.heapUsedBytes = Math.max(
            peaks.heapUsedBytes,
            metric(text, 'nodejs_heap_size_used_bytes'),
          );
          peaks.externalBytes = Math.max(
            peaks.externalBytes,
            metric(text, 'nodejs_external_memory_bytes'),
          );
        }
        await sleep(intervalMs);
      }
    };
    const polling = poll();
    return {
      stop: async () => {
        stopped.abort();
        await polling;
        return peaks;
      },
    };
  }

  recentOutput(): string {
    return this.output.trim();
  }

  /** Why the worker is gone, or undefined while it runs. */
  exitReason(): string | undefined {
    if (this.child.exitCode === null && this.child.signalCode === null) return undefined;
    return `worker exited (${this.child.signalCode ?? `code ${this.child.exitCode}`}): ${this.recentOutput()}`;
  }

  /** SIGTERM, as the platform stops it; SIGKILL if it has not exited within `timeoutMs`. */
  async stop(timeoutMs = 20_000): Promise<void> {
    if (this.exitReason()) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), sleep(timeoutMs, false)]);
    if (!stopped) {
      this.child.kill('SIGKILL');
      await exited;
    }
  }

  private async ready(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const gone = this.exitReason();
      if (gone) throw new Error(gone);
      const live = await fetch(`${this.baseUrl}/health/live`, {
        signal: AbortSignal.timeout(1_000),
      }).catch(() => undefined);
      if (live?.ok) return;
      await sleep(100);
    }
    await this.stop();
    throw new Error(`the worker was not live within ${timeoutMs} ms: ${this.recentOutput()}`);
  }
}

/** A gauge's value from Prometheus text, whatever prefix the registry gives its names. */
function metric(text: string, name: string): number {
  const match = new RegExp(`^\\w*${name} (\\S+)$`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}
