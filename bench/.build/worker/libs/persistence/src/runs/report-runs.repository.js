var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { ReportRun } from './report-run.schema.js';
/** Server error code of a unique-index violation on insert. */
const DUPLICATE_KEY = 11000;
export const CLAIMS_COLLECTION = 'report_run_claims';
/**
 * `report_runs`: one document per idempotency key, moved through
 * queued → running → succeeded | failed by atomic conditional updates, so two
 * deliveries of one request never both render it.
 */
let ReportRunsRepository = class ReportRunsRepository {
    runs;
    constructor(runs) {
        this.runs = runs;
    }
    /** One document per attempt of a run; its unique `_id` is what makes a claim exclusive. */
    claims() {
        return this.runs.db.collection(CLAIMS_COLLECTION);
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
    async claim(request, messageId, leaseMs, now = new Date()) {
        await this.recordOnce(request, now);
        const run = await this.runs
            .findOneAndUpdate({ idempotencyKey: request.idempotencyKey }, { $addToSet: { messageIds: messageId } }, { returnDocument: 'after' })
            .lean()
            .exec();
        if (!run)
            throw new Error(`run for idempotency key "${request.idempotencyKey}" vanished`);
        if (run.status === 'succeeded' || (run.status === 'failed' && run.error?.permanent))
            return { kind: 'finished', run };
        if (run.status === 'running' && run.leaseExpiresAt && run.leaseExpiresAt >= now)
            return { kind: 'busy', run };
        const attempt = run.attempts + 1;
        try {
            await this.claims().insertOne({ _id: `${run._id}#${attempt}`, runId: run._id, attempt, messageId, claimedAt: now });
        }
        catch (error) {
            if (error.code !== DUPLICATE_KEY)
                throw error;
            return { kind: 'busy', run };
        }
        const claimed = await this.runs
            .findOneAndUpdate({ _id: run._id }, {
            $set: { status: 'running', attempts: attempt, startedAt: now, leaseExpiresAt: new Date(now.getTime() + leaseMs) },
            $unset: { error: 1 },
        }, { returnDocument: 'after' })
            .lean()
            .exec();
        return { kind: 'claimed', run: claimed };
    }
    /** Extends this worker's lease while it renders; false if the run was taken over meanwhile. */
    async renewLease(runId, attempts, leaseMs) {
        const result = await this.runs
            .updateOne({ _id: runId, status: 'running', attempts }, { $set: { leaseExpiresAt: new Date(Date.now() + leaseMs) } })
            .exec();
        return result.matchedCount === 1;
    }
    async succeed(runId, attempts, outcome) {
        return this.finish(runId, attempts, { status: 'succeeded', ...outcome });
    }
    async fail(runId, attempts, error) {
        return this.finish(runId, attempts, { status: 'failed', error });
    }
    async findById(runId) {
        return this.runs.findById(runId).lean().exec();
    }
    async findByIdempotencyKey(key) {
        return this.runs.findOne({ idempotencyKey: key }).lean().exec();
    }
    /** Newest first; `cursor` is the opaque value of a previous page's `nextCursor`. */
    async list({ status, limit, cursor }) {
        const filter = status ? { status } : {};
        const after = cursor ? decodeCursor(cursor) : undefined;
        if (cursor && !after)
            throw new InvalidCursorError();
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
            .lean()
            .exec();
        const page = runs.slice(0, limit);
        const last = page.at(-1);
        return { runs: page, nextCursor: runs.length > limit && last ? encodeCursor(last) : undefined };
    }
    async countByStatus() {
        const counts = { queued: 0, running: 0, succeeded: 0, failed: 0 };
        // One count per status: FerretDB, used in tests, miscounts $group with several accumulators.
        await Promise.all(Object.keys(counts).map(async (status) => {
            counts[status] = await this.runs.countDocuments({ status }).exec();
        }));
        return counts;
    }
    async recordOnce(request, now) {
        try {
            await this.runs.create({ ...request, status: 'queued', receivedAt: now });
        }
        catch (error) {
            if (error.code !== DUPLICATE_KEY)
                throw error;
        }
    }
    async finish(runId, attempts, update) {
        const finished = await this.runs
            .findOneAndUpdate(
        // Only the worker holding this attempt may finish it.
        { _id: runId, status: 'running', attempts }, { $set: { ...update, finishedAt: new Date() }, $unset: { leaseExpiresAt: 1 } }, { returnDocument: 'after' })
            .lean()
            .exec();
        if (!finished) {
            throw new LeaseLostError(runId);
        }
        return finished;
    }
};
ReportRunsRepository = __decorate([
    Injectable(),
    __param(0, InjectModel(ReportRun.name)),
    __metadata("design:paramtypes", [Function])
], ReportRunsRepository);
export { ReportRunsRepository };
/** The run was taken over by another worker (this one's lease expired); this attempt's result is discarded. */
export class LeaseLostError extends Error {
    name = 'LeaseLostError';
    constructor(runId) {
        super(`run ${runId} is no longer held by this worker`);
    }
}
function encodeCursor(run) {
    return Buffer.from(JSON.stringify([run.receivedAt.toISOString(), run._id])).toString('base64url');
}
function decodeCursor(cursor) {
    try {
        const [receivedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString());
        const date = new Date(receivedAt);
        return Number.isNaN(date.getTime()) || typeof id !== 'string' ? undefined : { receivedAt: date, id };
    }
    catch {
        return undefined;
    }
}
/** A `cursor` that no page of `list()` produced. */
export class InvalidCursorError extends Error {
    name = 'InvalidCursorError';
    constructor() {
        super('cursor is not one returned by a previous page');
    }
}
//# sourceMappingURL=report-runs.repository.js.map