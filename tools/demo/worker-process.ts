import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface WorkerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * The built worker (`node dist/.../main.js`) as a child process, its output
 * written straight to a log file (so it is complete even if the demo dies).
 * It runs in its own process group: a Ctrl-C in the terminal reaches the
 * demo only, and the demo stops the worker the way a platform would, with
 * SIGTERM, then waits for it.
 */
export class WorkerProcess {
  private exit?: WorkerExit;
  private spawnError?: string;
  private readonly exited: Promise<WorkerExit>;

  private constructor(
    private readonly child: ChildProcess,
    readonly logFile: string,
  ) {
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
      child.once('error', (error) => {
        this.exit = { code: null, signal: null };
        this.spawnError = error.message;
        resolve(this.exit);
      });
    });
  }

  static start(script: string, env: Record<string, string>, logFile: string): WorkerProcess {
    const log = openSync(logFile, 'w');
    try {
      const child = spawn(process.execPath, [script], {
        env,
        detached: true,
        stdio: ['ignore', log, log],
      });
      return new WorkerProcess(child, logFile);
    } finally {
      // The child has its own copy of the descriptor.
      closeSync(log);
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Why the worker has ended, or undefined while it runs. */
  exitReason(): string | undefined {
    if (!this.exit) return undefined;
    if (this.spawnError) return `could not start: ${this.spawnError}`;
    return this.exit.signal ? `signal ${this.exit.signal}` : `exit code ${this.exit.code}`;
  }

  /** The end of the worker's log, for error messages. */
  logTail(lines = 15): string {
    try {
      return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  /** Polls `GET /health/ready` until it answers 200. */
  async waitReady(baseUrl: string, timeoutMs: number, signal: AbortSignal): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer yet';
    while (Date.now() < deadline) {
      signal.throwIfAborted();
      const death = this.exitReason();
      if (death)
        throw new Error(
          `The worker exited before it was ready (${death}). End of ${this.logFile}:\n${this.logTail()}`,
        );
      try {
        const response = await fetch(`${baseUrl}/health/ready`, {
          signal: AbortSignal.any([signal, AbortSignal.timeout(2_000)]),
        });
        if (response.status === 200) return;
        last = `HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`;
      } catch (error) {
        signal.throwIfAborted();
        last = (error as Error).message;
      }
      await sleep(250);
    }
    throw new Error(
      `The worker was not ready within ${timeoutMs / 1000} s (last answer: ${last}). End of ${this.logFile}:\n${this.logTail()}`,
    );
  }

  /** SIGTERM, then waits; SIGKILL if it has not exited after `timeoutMs`. */
  async stop(timeoutMs: number): Promise<WorkerExit & { killed: boolean }> {
    if (this.exit) return { ...this.exit, killed: false };
    this.signal('SIGTERM');
    const stopped = await Promise.race([this.exited.then(() => true), sleep(timeoutMs, false)]);
    if (stopped) return { ...this.exit!, killed: false };
    this.signal('SIGKILL');
    return { ...(await this.exited), killed: true };
  }

  private signal(signal: NodeJS.Signals): void {
    try {
      if (this.child.pid) process.kill(-this.child.pid, signal);
    } catch {
      // Already gone.
    }
  }
}
