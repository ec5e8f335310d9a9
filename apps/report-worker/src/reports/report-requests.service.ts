import { setTimeout as sleep } from 'node:timers/promises';
import { AppConfig } from '@lib/config';
import { type NewRun, type ReportRun, ReportRunsRepository } from '@lib/persistence';
import { describeFailure, isPermanentFailure, type PubSubContext } from '@lib/pubsub-transport';
import { Injectable, Logger } from '@nestjs/common';
import type { GenerateReportRequest } from './generate-report.request.js';
import { ReportEventsPublisher } from './report-events.publisher.js';
import { ReportGenerator } from './report-generator.service.js';
import { ReportRequestResolver } from './report-request.resolver.js';

/** How often a delivery waits to see whether another worker's run of the same request finishes. */
const BUSY_POLL_MS = 500;

/** Another worker is rendering this request; the message is retried later. */
export class RunBusyError extends Error {
  override readonly name = 'RunBusyError';
}

/**
 * `report.generate`, exactly once per idempotency key: claims the run,
 * renders and stores every format, records the outcome, and publishes
 * `report.completed` or `report.failed` before the message is acked.
 */
@Injectable()
export class ReportRequestsService {
  private readonly logger = new Logger(ReportRequestsService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly runs: ReportRunsRepository,
    private readonly resolver: ReportRequestResolver,
    private readonly generator: ReportGenerator,
    private readonly events: ReportEventsPublisher,
  ) {}

  async handle(payload: unknown, context: PubSubContext): Promise<ReportRun> {
    const messageId = context.getMessageId();
    let request: GenerateReportRequest | undefined;
    let invalid: unknown;
    try {
      request = await this.resolver.parse(payload);
    } catch (error) {
      invalid = error;
    }
    const claim = await this.runs.claim(
      this.newRun(request, payload, context, messageId),
      messageId,
      this.config.reports.runLeaseMs,
    );
    if (claim.kind === 'busy') return this.awaitOtherWorker(claim.run);
    if (claim.kind === 'finished') {
      this.logger.log({ message: 'request already handled; re-publishing its outcome', runId: claim.run._id, messageId, status: claim.run.status });
      await this.events.publish(claim.run);
      return claim.run;
    }
    return this.run(claim.run, request, invalid);
  }

  private async run(run: ReportRun, request: GenerateReportRequest | undefined, invalid: unknown): Promise<ReportRun> {
    const lease = this.holdLease(run);
    try {
      if (!request) throw invalid;
      const resolved = await this.resolver.resolve(request);
      const generated = await this.generator.generate(run._id, resolved, lease.signal);
      const finished = await this.runs.succeed(run._id, run.attempts, {
        ...generated,
        definitionVersion: resolved.definition.version,
      });
      await this.events.publish(finished);
      return finished;
    } catch (error) {
      const permanent = isPermanentFailure(error);
      const code = (error as { code?: unknown }).code;
      const failed = await this.runs.fail(run._id, run.attempts, {
        code: typeof code === 'string' ? code : permanent ? 'PERMANENT_FAILURE' : 'RETRYABLE_FAILURE',
        message: this.config.secrets.redactor.redact(describeFailure(error).replace(/^[A-Z_]+: /, '')),
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
   * Keeps this worker's claim alive while it renders; if the claim is lost
   * (the lease expired and another worker took over), rendering stops.
   */
  private holdLease(run: ReportRun): { signal: AbortSignal; release: () => void } {
    const controller = new AbortController();
    const leaseMs = this.config.reports.runLeaseMs;
    const timer = setInterval(() => {
      this.runs.renewLease(run._id, run.attempts, leaseMs).then(
        (held) => {
          if (!held) controller.abort(new Error(`run ${run._id} was taken over by another worker`));
        },
        (error: unknown) => this.logger.warn({ message: 'lease renewal failed', runId: run._id, error: describeFailure(error) }),
      );
    }, Math.max(1_000, Math.floor(leaseMs / 3)));
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
      if (current && current.status !== 'running') {
        if (current.status === 'succeeded' || current.error?.permanent) await this.events.publish(current);
        if (current.status === 'failed' && !current.error?.permanent) break;
        return current;
      }
    }
    throw new RunBusyError(`run ${run._id} is being rendered by another worker; retry later`);
  }

  private newRun(
    request: GenerateReportRequest | undefined,
    payload: unknown,
    context: PubSubContext,
    messageId: string,
  ): NewRun {
    return {
      // An invalid request still keeps its own key when it has a usable one,
      // so its redeliveries and its failure event carry the key the sender knows.
      idempotencyKey: request?.idempotencyKey ?? usableKey(payload) ?? `message:${messageId}`,
      pattern: context.getPattern(),
      definitionName: request?.definition,
      definitionVersion: request?.definitionVersion,
      parameters: request?.parameters ?? {},
      formats: request?.formats ?? [],
      requestedBy: request?.requestedBy,
      correlationId: request?.correlationId,
      locale: request?.locale,
      timeZone: request?.timeZone,
    };
  }
}


function usableKey(payload: unknown): string | undefined {
  const key = (payload as { idempotencyKey?: unknown } | null)?.idempotencyKey;
  return typeof key === 'string' && key.length > 0 && key.length <= 200 ? key : undefined;
}
