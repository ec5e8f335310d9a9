import { setTimeout as sleep } from 'node:timers/promises';
import { AppConfig } from '@lib/config';
import { type NewRun, type ReportRun, ReportRunsRepository, type RunFile } from '@lib/persistence';
import { describeFailure, isPermanentFailure } from '@lib/pubsub-transport';
import { Injectable, Logger } from '@nestjs/common';
import { ReportEventsPublisher } from './report-events.publisher.js';

/** How often a delivery looks whether another worker's run of the same request has finished. */
const BUSY_POLL_MS = 500;

/** Another worker is executing this run; the message is retried later. */
export class RunBusyError extends Error {
  override readonly name = 'RunBusyError';
}

export interface RunOutcome {
  rowCount: number;
  files: RunFile[];
  definitionVersion?: number;
}

/**
 * Runs work exactly once per idempotency key: claims the run, keeps its
 * lease while the work runs, records the outcome, and publishes
 * `report.completed` / `report.failed` before the message is acked. A
 * delivery of a finished run re-publishes its event and does nothing else.
 */
@Injectable()
export class RunExecutor {
  private readonly logger = new Logger(RunExecutor.name);

  constructor(
    private readonly config: AppConfig,
    private readonly runs: ReportRunsRepository,
    private readonly events: ReportEventsPublisher,
  ) {}

  async execute(
    request: NewRun,
    messageId: string,
    work: (run: ReportRun, signal: AbortSignal) => Promise<RunOutcome>,
  ): Promise<ReportRun> {
    const claim = await this.runs.claim(request, messageId, this.config.reports.runLeaseMs);
    if (claim.kind === 'busy') return this.awaitOtherWorker(claim.run);
    if (claim.kind === 'finished') {
      this.logger.log({
        message: 'already handled; re-publishing its outcome',
        runId: claim.run._id,
        messageId,
        status: claim.run.status,
      });
      await this.events.publish(claim.run);
      return claim.run;
    }
    const run = claim.run;
    const lease = this.holdLease(run);
    try {
      const outcome = await work(run, lease.signal);
      const finished = await this.runs.succeed(run._id, run.attempts, outcome);
      await this.events.publish(finished);
      return finished;
    } catch (error) {
      const permanent = isPermanentFailure(error);
      const code = (error as { code?: unknown }).code;
      const failed = await this.runs.fail(run._id, run.attempts, {
        code:
          typeof code === 'string' ? code : permanent ? 'PERMANENT_FAILURE' : 'RETRYABLE_FAILURE',
        message: this.config.secrets.redactor.redact(
          describeFailure(error).replace(/^[A-Z_]+: /, ''),
        ),
        permanent,
      });
      // Only a final outcome is announced; a retryable one is tried again first.
      if (permanent) await this.events.publish(failed);
      throw error;
    } finally {
      lease.release();
    }
  }

  /**
   * Keeps this worker's claim alive while it works; if the claim is lost
   * (the lease expired and another worker took over), the work is aborted.
   */
  private holdLease(run: ReportRun): { signal: AbortSignal; release: () => void } {
    const controller = new AbortController();
    const leaseMs = this.config.reports.runLeaseMs;
    const timer = setInterval(
      () => {
        this.runs.renewLease(run._id, run.attempts, leaseMs).then(
          (held) => {
            if (!held)
              controller.abort(new Error(`run ${run._id} was taken over by another worker`));
          },
          (error: unknown) =>
            this.logger.warn({
              message: 'lease renewal failed',
              runId: run._id,
              error: describeFailure(error),
            }),
        );
      },
      Math.max(1_000, Math.floor(leaseMs / 3)),
    );
    return { signal: controller.signal, release: () => clearInterval(timer) };
  }

  /**
   * A duplicate delivery while the run is in progress elsewhere: wait a
   * little for it to finish (concurrent duplicates are common), then either
   * answer like a redelivery of a finished run or hand the message back.
   */
  private async awaitOtherWorker(run: ReportRun): Promise<ReportRun> {
    const deadline = Date.now() + Math.min(this.config.reports.runLeaseMs, 30_000);
    while (Date.now() < deadline) {
      await sleep(BUSY_POLL_MS);
      const current = await this.runs.findById(run._id);
      if (!current || current.status === 'running') continue;
      if (current.status === 'failed' && !current.error?.permanent) break;
      await this.events.publish(current);
      return current;
    }
    throw new RunBusyError(`run ${run._id} is being executed by another worker; retry later`);
  }
}
