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
  @Prop({ required: true }) name: string;
  @Prop({ required: true }) version: number;
  @Prop({ required: true }) title: string;
  @Prop() description?: string;
  @Prop({ required: true }) sourceCollection: string;
  @Prop({ type: [Object], default: [] }) pipeline: Record<string, unknown>[];
  @Prop({ type: [Object], default: [] }) parameters: ParameterSpec[];
  @Prop({ type: [Object], required: true }) columns: DefinitionColumn[];
  @Prop({ type: [String], default: ['csv'] }) defaultFormats: string[];
  @Prop({ required: true }) createdAt: Date;
}

export type ReportDefinitionDocument = HydratedDocument<ReportDefinition>;
export const ReportDefinitionSchema = SchemaFactory.createForClass(ReportDefinition);
ReportDefinitionSchema.index({ name: 1, version: 1 }, { unique: true });
