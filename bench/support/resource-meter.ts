/**
 * The measuring side of a benchmark case, run inside the child process that
 * does the work: wall time, CPU time and memory over one window of work.
 */

/** What one window of work cost the process. */
export interface ResourceWindow {
  elapsedMs: number;
  /** `process.cpuUsage()` over the window: every thread of the process, user and system. */
  cpuUserMs: number;
  cpuSystemMs: number;
  cpuMs: number;
  /** Resident set when the window opened, after a full GC (with --expose-gc), bytes. */
  rssAtStartBytes: number;
  rssAtEndBytes: number;
  /** `process.resourceUsage().maxRSS`: the kernel's peak resident set of the process so far, bytes. */
  peakRssBytes: number;
  /** V8 heap still in use after the window and a full GC (with --expose-gc): what the work left behind, bytes. */
  heapUsedAfterGcBytes: number;
}

export class ResourceMeter {
  private readonly startedAt = performance.now();
  private readonly cpuAtStart = process.cpuUsage();

  private constructor(private readonly rssAtStart: number) {}

  /** Collects garbage first (with --expose-gc) so the window starts from a settled heap. */
  static open(): ResourceMeter {
    collectGarbage();
    return new ResourceMeter(process.memoryUsage.rss());
  }

  close(): ResourceWindow {
    const elapsedMs = performance.now() - this.startedAt;
    const cpu = process.cpuUsage(this.cpuAtStart);
    const rssAtEndBytes = process.memoryUsage.rss();
    const peakRssBytes = process.resourceUsage().maxRSS * 1_024;
    collectGarbage();
    return {
      elapsedMs,
      cpuUserMs: cpu.user / 1_000,
      cpuSystemMs: cpu.system / 1_000,
      cpuMs: (cpu.user + cpu.system) / 1_000,
      rssAtStartBytes: this.rssAtStart,
      rssAtEndBytes,
      peakRssBytes,
      heapUsedAfterGcBytes: process.memoryUsage().heapUsed,
    };
  }
}

export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** The message a case sends its parent over the IPC channel. */
export type CaseMessage<T> = { kind: 'result'; result: T } | { kind: 'failure'; error: string };

/**
 * Runs a case's work and hands its result (or its failure) to the parent
 * process, then exits. A case is a module that calls this once.
 */
export function runAsCase<T>(work: () => Promise<T>): void {
  const send = (message: CaseMessage<T>) =>
    new Promise<void>((resolve) => {
      if (!process.send) {
        process.stdout.write(`${JSON.stringify(message, null, 2)}\n`);
        resolve();
        return;
      }
      process.send(message, () => resolve());
    });
  work()
    .then((result) => send({ kind: 'result', result }))
    .catch((error: unknown) =>
      send({
        kind: 'failure',
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      }).then(() => {
        process.exitCode = 1;
      }),
    )
    .finally(() => {
      // Clients (gRPC, MongoDB) may hold handles open; the result is delivered.
      setTimeout(() => process.exit(), 100).unref();
      process.disconnect?.();
    });
}
