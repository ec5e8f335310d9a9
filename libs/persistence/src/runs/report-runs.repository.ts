import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { ReportRun, type RunError, type RunFile, type RunStatus } from './report-run.schema.js';

/** Server error code of a unique-index violation on insert. */
const DUPLICATE_KEY = 11000;

export const CLAIMS_COLLECTION = 'report_run_claims';
export const DELIVERIES_COLLECTION = 'report_run_deliveries';

export type NewRun = Pick<ReportRun, 'idempotencyKey' | 'pattern'> &
  Partial<
    Pick<
      ReportRun,
      | 'definitionName'
      | 'definitionVersion'
      | 'parameters'
      | 'formats'
      | 'requestedBy'
      | 'correlationId'
      | 'locale'
      | 'timeZone'
    >
  >;

/** What claiming a run found. */
export type Claim =
  /** This worker now runs it. */
  | { kind: 'claimed'; run: ReportRun }
  /** Finished before: nothing to render again. */
  | { kind: 'finished'; run: ReportRun }
  /** Another worker holds a live lease on it. */
  | { kind: 'busy'; run: ReportRun };

export interface RunPage {
  runs: ReportRun[];
  /** Pass as `cursor` for the next page; absent on the last one. */
  nextCursor?: string;
}

/**
 * `report_runs`: one document per idempotency key, moved through
 * queued → running → succeeded | failed by atomic conditional updates, so two
 * deliveries of one request never both render it.
 */
@Injectable()
export class ReportRunsRepository {
  constructor(@InjectModel(ReportRun.name) private readonly runs: Model<ReportRun>) {}

  /**
   * Every delivery of a request, insert-only. Kept apart from the run so that
   * duplicates never write to the run document its holder is updating.
   */
  private deliveries() {
    return this.runs.db.collection<{
      _id: string;
      runId: string;
      messageId: string;
      receivedAt: Date;
    }>(DELIVERIES_COLLECTION);
  }

  private async recordDelivery(runId: string, messageId: string, now: Date): Promise<void> {
    try {
      await this.deliveries().insertOne({
        _id: `${runId}#${messageId}`,
        runId,
        messageId,
        receivedAt: now,
      });
    } catch (error) {
      // The same message delivered again: already recorded.
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    }
  }

  /** The run's message ids: every delivery recorded, in the order received. */
  private async withMessageIds<T extends ReportRun | null>(run: T): Promise<T> {
    if (!run) return run;
    const deliveries = await this.deliveries()
      .find({ runId: run._id })
      .sort({ receivedAt: 1 })
      .toArray();
    return {
      ...run,
      messageIds: [
        ...new Set([...run.messageIds, ...deliveries.map((delivery) => delivery.messageId)]),
      ],
    };
  }

  /** One document per attempt of a run; its unique `_id` is what makes a claim exclusive. */
  private claims() {
    return this.runs.db.collection<{
      _id: string;
      runId: string;
      attempt: number;
      messageId: string;
      claimedAt: Date;
    }>(CLAIMS_COLLECTION);
  }

  /**
   * Records the request (once per idempotency key) and tries to take it:
   * a queued run, a run whose worker's lease ran out, or a run that failed
   * with a retryable error is claimed for `leaseMs`; a finished one is
   * reported as such; one running elsewhere is busy.
   *
   * Each attempt is taken by inserting its claim under a unique id
   * (`<run>#<attempt>`): of two workers racing for the same attempt exactly
   * one insert succeeds. That holds on any server with unique indexes, even
   * one whose conditional updates are not atomic (FerretDB, used in tests).
   */
  async claim(
    request: NewRun,
    messageId: string,
    leaseMs: number,
    now = new Date(),
  ): Promise<Claim> {
    await this.recordOnce(request, now);
    const run = await this.runs
      .findOne({ idempotencyKey: request.idempotencyKey })
      .lean<ReportRun>()
      .exec();
    if (!run) throw new Error(`run for idempotency key "${request.idempotencyKey}" vanished`);
    await this.recordDelivery(run._id, messageId, now);
    if (run.status === 'succeeded' || (run.status === 'failed' && run.error?.permanent))
      return { kind: 'finished', run };
    if (run.status === 'running' && run.leaseExpiresAt && run.leaseExpiresAt >= now)
      return { kind: 'busy', run };

    const attempt = run.attempts + 1;
    try {
      await this.claims().insertOne({
        _id: `${run._id}#${attempt}`,
        runId: run._id,
        attempt,
        messageId,
        claimedAt: now,
      });
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
      return { kind: 'busy', run };
    }
    const claimed = await this.runs
      .findOneAndUpdate(
        { _id: run._id },
        {
          $set: {
            status: 'running',
            attempts: attempt,
            startedAt: now,
            leaseExpiresAt: new Date(now.getTime() + leaseMs),
          },
          $unset: { error: 1 },
          $addToSet: { messageIds: messageId },
        },
        { returnDocument: 'after' },
      )
      .lean<ReportRun>()
      .exec();
    return { kind: 'claimed', run: claimed! };
  }

  /** Extends this worker's lease while it renders; false if the run was taken over meanwhile. */
  async renewLease(runId: string, attempts: number, leaseMs: number): Promise<boolean> {
    const result = await this.runs
      .updateOne(
        { _id: runId, status: 'running', attempts },
        { $set: { leaseExpiresAt: new Date(Date.now() + leaseMs) } },
      )
      .exec();
    return result.matchedCount === 1;
  }

  async succeed(
    runId: string,
    attempts: number,
    outcome: { rowCount: number; files: RunFile[]; definitionVersion?: number },
  ): Promise<ReportRun> {
    return this.finish(runId, attempts, { status: 'succeeded', ...outcome });
  }

  async fail(runId: string, attempts: number, error: RunError): Promise<ReportRun> {
    return this.finish(runId, attempts, { status: 'failed', error });
  }

  async findById(runId: string): Promise<ReportRun | null> {
    return this.withMessageIds(await this.runs.findById(runId).lean<ReportRun>().exec());
  }

  /** Newest first; `cursor` is the opaque value of a previous page's `nextCursor`. */
  async list({
    status,
    limit,
    cursor,
  }: {
    status?: RunStatus;
    limit: number;
    cursor?: string;
  }): Promise<RunPage> {
    const filter: Record<string, unknown> = status ? { status } : {};
    const after = cursor ? decodeCursor(cursor) : undefined;
    if (cursor && !after) throw new InvalidCursorError();
    if (after) {
      filter.$or = [
        { receivedAt: { $lt: after.receivedAt } },
        { receivedAt: after.receivedAt, _id: { $lt: after.id } },
      ];
    }
    const runs = await this.runs
      .find(filter)
      .sort({ receivedAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean<ReportRun[]>()
      .exec();
    const page = await Promise.all(runs.slice(0, limit).map((run) => this.withMessageIds(run)));
    const last = page.at(-1);
    return { runs: page, nextCursor: runs.length > limit && last ? encodeCursor(last) : undefined };
  }

  async countByStatus(): Promise<Record<RunStatus, number>> {
    const counts = { queued: 0, running: 0, succeeded: 0, failed: 0 };
    // One count per status: FerretDB, used in tests, miscounts $group with several accumulators.
    await Promise.all(
      (Object.keys(counts) as RunStatus[]).map(async (status) => {
        counts[status] = await this.runs.countDocuments({ status }).exec();
      }),
    );
    return counts;
  }

  private async recordOnce(request: NewRun, now: Date): Promise<void> {
    try {
      await this.runs.create({ ...request, status: 'queued', receivedAt: now });
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    }
  }

  private async finish(
    runId: string,
    attempts: number,
    update: Partial<ReportRun>,
  ): Promise<ReportRun> {
    const finished = await this.runs
      .findOneAndUpdate(
        // Only the worker holding this attempt may finish it.
        { _id: runId, status: 'running', attempts },
        { $set: { ...update, finishedAt: new Date() }, $unset: { leaseExpiresAt: 1 } },
        { returnDocument: 'after' },
      )
      .lean<ReportRun>()
      .exec();
    if (!finished) {
      throw new LeaseLostError(runId);
    }
    return finished;
  }
}

/** The run was taken over by another worker (this one's lease expired); this attempt's result is discarded. */
export class LeaseLostError extends Error {
  override readonly name = 'LeaseLostError';
  constructor(runId: string) {
    super(`run ${runId} is no longer held by this worker`);
  }
}

function encodeCursor(run: ReportRun): string {
  return Buffer.from(JSON.stringify([run.receivedAt.toISOString(), run._id])).toString('base64url');
}

function decodeCursor(cursor: string): { receivedAt: Date; id: string } | undefined {
  try {
    const [receivedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [
      string,
      string,
    ];
    const date = new Date(receivedAt);
    return Number.isNaN(date.getTime()) || typeof id !== 'string'
      ? undefined
      : { receivedAt: date, id };
  } catch {
    return undefined;
  }
}

/** A `cursor` that no page of `list()` produced. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor() {
    super('cursor is not one returned by a previous page');
  }
}
