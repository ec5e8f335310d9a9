import { randomUUID } from 'node:crypto';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** A stored output of a run. */
export class RunFile {
  @Prop({ required: true }) format: string;
  @Prop({ required: true }) fileId: string;
  @Prop({ required: true }) filename: string;
  @Prop({ required: true }) contentType: string;
  @Prop({ required: true }) bytes: number;
  @Prop({ required: true }) sha256: string;
}

export class RunError {
  @Prop({ required: true }) code: string;
  @Prop({ required: true }) message: string;
  /** True when no retry can succeed (invalid request, limits); false when the run may be retried. */
  @Prop({ required: true }) permanent: boolean;
}

/**
 * One report request and what became of it. The idempotency key is unique:
 * however often Pub/Sub delivers a request, it has one run.
 */
@Schema({ collection: 'report_runs', versionKey: false })
export class ReportRun {
  @Prop({ type: String, default: () => randomUUID() }) _id: string;
  @Prop({ required: true, unique: true }) idempotencyKey: string;
  @Prop({ required: true }) pattern: string;
  @Prop() definitionName?: string;
  @Prop() definitionVersion?: number;
  @Prop({ type: Object, default: {} }) parameters: Record<string, unknown>;
  @Prop({ type: [String], default: [] }) formats: string[];
  @Prop({ required: true, enum: RUN_STATUSES, index: true }) status: RunStatus;
  @Prop({ default: 0 }) attempts: number;
  @Prop({ type: [String], default: [] }) messageIds: string[];
  @Prop({ required: true }) receivedAt: Date;
  @Prop() startedAt?: Date;
  @Prop() finishedAt?: Date;
  /** While running: when another worker may take the run over (this one died). */
  @Prop() leaseExpiresAt?: Date;
  @Prop() rowCount?: number;
  @Prop({ type: [RunFile], default: [], _id: false }) files: RunFile[];
  @Prop({ type: RunError, _id: false }) error?: RunError;
  @Prop() requestedBy?: string;
  @Prop() correlationId?: string;
  @Prop() locale?: string;
  @Prop() timeZone?: string;
}

export type ReportRunDocument = HydratedDocument<ReportRun>;
export const ReportRunSchema = SchemaFactory.createForClass(ReportRun);
ReportRunSchema.index({ status: 1, receivedAt: -1 });
ReportRunSchema.index({ receivedAt: -1, _id: -1 });
