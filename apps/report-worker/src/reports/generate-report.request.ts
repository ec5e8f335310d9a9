import { REPORT_FORMATS, type ReportFormat } from '@lib/rendering';
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DEFINITION_NAME, DefinitionInput } from './report-definition.input.js';

/**
 * The `report.generate` message: a stored definition (by name, optionally a
 * version) or an inline one, its parameters, the formats wanted.
 */
export class GenerateReportRequest {
  @ValidateIf((request: GenerateReportRequest) => request.inlineDefinition === undefined)
  @Matches(DEFINITION_NAME, {
    message: 'definition must name a stored definition (or give inlineDefinition)',
  })
  definition?: string;

  @IsOptional() @IsInt() @Min(1) definitionVersion?: number;

  @ValidateIf((request: GenerateReportRequest) => request.definition === undefined)
  @ValidateNested()
  @Type(() => DefinitionInput)
  inlineDefinition?: DefinitionInput;

  @IsOptional() @IsObject() parameters?: Record<string, unknown>;

  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(REPORT_FORMATS, {
    each: true,
    message: `each format must be one of ${REPORT_FORMATS.join(', ')}`,
  })
  formats?: ReportFormat[];

  @IsOptional() @IsString() @Length(2, 35) locale?: string;
  @IsOptional() @IsString() @Length(1, 64) timeZone?: string;
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency?: string;

  /** Requests with the same key produce one run. Default: the message id. */
  @IsOptional() @IsString() @Length(1, 200) idempotencyKey?: string;
  @IsOptional() @IsString() @Length(1, 200) requestedBy?: string;
  @IsOptional() @IsString() @Length(1, 200) correlationId?: string;
}
