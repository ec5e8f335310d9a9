import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { HydratedDocument } from 'mongoose';
import type { ParameterSpec } from './parameter-binding.js';

/** A column of a definition's table, as `libs/rendering` takes it. */
export interface DefinitionColumn {
  key: string;
  header: string;
  type: 'text' | 'integer' | 'number' | 'money' | 'percent' | 'date' | 'datetime';
  align?: 'left' | 'center' | 'right';
  decimals?: number;
  width?: number;
}

/**
 * A stored report: where its rows come from (a collection and an aggregation
 * pipeline with typed parameters), how its table looks, and its default
 * formats. Versions are kept: a run names the version it used.
 */
@Schema({ collection: 'report_definitions', versionKey: false })
export class ReportDefinition {
  @Prop({ type: String, required: true }) name: string;
  @Prop({ type: Number, required: true }) version: number;
  @Prop({ type: String, required: true }) title: string;
  @Prop({ type: String }) description?: string;
  @Prop({ type: String, required: true }) sourceCollection: string;
  /**
   * The pipeline as JSON text: its keys start with `$`, which stored field
   * names should not (and FerretDB, used in tests, refuses).
   */
  @Prop({ type: String, required: true }) pipelineJson: string;
  @Prop({ type: [Object], default: [] }) parameters: ParameterSpec[];
  @Prop({ type: [Object], required: true }) columns: DefinitionColumn[];
  @Prop({ type: [String], default: ['csv'] }) defaultFormats: string[];
  @Prop({ type: Date, required: true }) createdAt: Date;
}

/** A definition as the rest of the code sees it: the pipeline as stages. */
export type StoredDefinition = Omit<ReportDefinition, 'pipelineJson'> & {
  pipeline: Record<string, unknown>[];
};

export type ReportDefinitionDocument = HydratedDocument<ReportDefinition>;
export const ReportDefinitionSchema = SchemaFactory.createForClass(ReportDefinition);
ReportDefinitionSchema.index({ name: 1, version: 1 }, { unique: true });
