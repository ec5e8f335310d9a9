import { randomUUID } from 'node:crypto';
import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** A stored output of a run. */
@Schema({ _id: false, versionKey: false })
export class RunFile {
  @Prop({ type: String, required: true }) format: string;
  @Prop({ type: String, required: true }) fileId: string;
  @Prop({ type: String, required: true }) filename: string;
  @Prop({ type: String, required: true }) contentType: string;
  @Prop({ type: Number, required: true }) bytes: number;
  @Prop({ type: String, required: true }) sha256: string;
}

@Schema({ _id: false, versionKey: false })
export class RunError {
  @Prop({ type: String, required: true }) code: string;
  @Prop({ type: String, required: true }) message: string;
  /** True when no retry can succeed (invalid request, limits); false when the run may be retried. */
  @Prop({ type: Boolean, required: true }) permanent: boolean;
}

const RunFileSchema = SchemaFactory.createForClass(RunFile);
const RunErrorSchema = SchemaFactory.createForClass(RunError);

/**
 * One report request and what became of it. The idempotency key is unique:
 * however often Pub/Sub delivers a request, it has one run.
 */
@Schema({ collection: 'report_runs', versionKey: false })
export class ReportRun {
  @Prop({ type: String, default: () => randomUUID() }) _id: string;
  @Prop({ type: String, required: true, unique: true }) idempotencyKey: string;
  @Prop({ type: String, required: true }) pattern: string;
  @Prop({ type: String }) definitionName?: string;
  @Prop({ type: Number }) definitionVersion?: number;
  @Prop({ type: Object, default: {} }) parameters: Record<string, unknown>;
  @Prop({ type: [String], default: [] }) formats: string[];
  @Prop({ type: String, required: true, enum: RUN_STATUSES, index: true }) status: RunStatus;
  @Prop({ type: Number, default: 0 }) attempts: number;
  @Prop({ type: [String], default: [] }) messageIds: string[];
  @Prop({ type: Date, required: true }) receivedAt: Date;
  @Prop({ type: Date }) startedAt?: Date;
  @Prop({ type: Date }) finishedAt?: Date;
  /** While running: when another worker may take the run over (this one died). */
  @Prop({ type: Date }) leaseExpiresAt?: Date;
  @Prop({ type: Number }) rowCount?: number;
  @Prop({ type: [RunFileSchema], default: [] }) files: RunFile[];
  @Prop({ type: RunErrorSchema }) error?: RunError;
  @Prop({ type: String }) requestedBy?: string;
  @Prop({ type: String }) correlationId?: string;
  @Prop({ type: String }) locale?: string;
  @Prop({ type: String }) timeZone?: string;
}

export type ReportRunDocument = HydratedDocument<ReportRun>;
export const ReportRunSchema = SchemaFactory.createForClass(ReportRun);
ReportRunSchema.index({ status: 1, receivedAt: -1 });
ReportRunSchema.index({ receivedAt: -1, _id: -1 });
