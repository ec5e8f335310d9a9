import { PARAMETER_TYPES, type ParameterSpec } from '@lib/persistence';
import { REPORT_FORMATS, type ReportFormat } from '@lib/rendering';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export const COLUMN_TYPES = [
  'text',
  'integer',
  'number',
  'money',
  'percent',
  'date',
  'datetime',
] as const;

export class ColumnInput {
  @IsString() @Length(1, 100) key: string;
  @IsString() @Length(1, 200) header: string;
  @IsIn(COLUMN_TYPES) type: (typeof COLUMN_TYPES)[number];
  @IsOptional() @IsIn(['left', 'center', 'right']) align?: 'left' | 'center' | 'right';
  @IsOptional() @IsInt() @Min(0) @Max(10) decimals?: number;
  @IsOptional() @Min(1) @Max(200) width?: number;
}

export class ParameterInput implements ParameterSpec {
  @Matches(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, { message: 'parameter names must be identifiers' })
  name: string;
  @IsIn(PARAMETER_TYPES) type: ParameterSpec['type'];
  @IsOptional() @IsBoolean() required?: boolean;
  @IsOptional() default?: unknown;
  @IsOptional() @IsArray() @IsString({ each: true }) enum?: string[];
  @IsOptional() @IsString() description?: string;
}

/**
 * A report definition as written by a person: over HTTP (`PUT
 * /definitions/:name`) or inline in a `report.generate` message.
 */
export class DefinitionInput {
  @IsString() @Length(1, 200) title: string;
  @IsOptional() @IsString() @Length(0, 2000) description?: string;
  @IsString() sourceCollection: string;
  @IsArray() @ArrayMaxSize(50) pipeline: Record<string, unknown>[];
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ParameterInput)
  parameters?: ParameterInput[];
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ColumnInput)
  columns: ColumnInput[];
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(REPORT_FORMATS, { each: true })
  defaultFormats?: ReportFormat[];
}

export const DEFINITION_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;
