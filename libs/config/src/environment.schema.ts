import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, Matches, ValidateBy, ValidateIf } from 'class-validator';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Project used with the emulator when none is given: the emulator accepts any id. */
export const EMULATOR_DEFAULT_PROJECT = 'report-worker-local';

/**
 * Numbers are converted here, once; an unparsable value stays a string so the
 * message can quote what was given.
 */
const toInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;

/** One rule, one message: `PORT must be a whole number between 1 and 65535, got "abc"`. */
function IsIntegerInRange(min: number, max: number) {
  return ValidateBy({
    name: 'isIntegerInRange',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max,
      defaultMessage: (args) =>
        `${args?.property} must be a whole number between ${min} and ${max}, got "${String(args?.value)}"`,
    },
  });
}

/**
 * The process environment as the worker accepts it. Property names are the
 * variable names, so every message names the variable to fix. Defaults live
 * here and are documented in README's configuration table.
 */
export class EnvironmentSchema {
  @IsOptional()
  @Transform(toInteger)
  @IsIntegerInRange(0, 65535)
  PORT: number = 8080;

  @ValidateIf((env: EnvironmentSchema) => !env.PUBSUB_EMULATOR_HOST)
  @IsNotEmpty({
    message:
      'GOOGLE_CLOUD_PROJECT is required unless PUBSUB_EMULATOR_HOST is set: the Google Cloud project id',
  })
  GOOGLE_CLOUD_PROJECT?: string;

  @IsOptional()
  @Matches(/^[^\s:/]+:\d{1,5}$/, {
    message: 'PUBSUB_EMULATOR_HOST must be host:port, e.g. localhost:8085, got "$value"',
  })
  PUBSUB_EMULATOR_HOST?: string;

  @Matches(/^mongodb(\+srv)?:\/\/\S+$/, {
    message: ({ value }) =>
      value === undefined
        ? 'MONGODB_URI is required: a MongoDB connection string such as mongodb://localhost:27017'
        : 'MONGODB_URI must be a connection string starting with mongodb:// or mongodb+srv://',
  })
  MONGODB_URI: string;

  @IsOptional()
  @Matches(/^[^/\\. "$]{1,63}$/, {
    message:
      'MONGODB_DB must be a database name of at most 63 characters without / \\ . space " or $, got "$value"',
  })
  MONGODB_DB: string = 'report_worker';

  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "$value"` })
  LOG_LEVEL: LogLevel = 'info';

  @IsOptional()
  @IsIn(LOG_FORMATS, { message: `LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}, got "$value"` })
  LOG_FORMAT?: LogFormat;

  @IsOptional()
  @Transform(toInteger)
  @IsIntegerInRange(0, 600_000)
  SHUTDOWN_GRACE_MS: number = 8000;

  @IsOptional()
  @Transform(toInteger)
  @IsIntegerInRange(1, 60_000)
  HEALTH_CHECK_TIMEOUT_MS: number = 1500;

  @IsOptional()
  NODE_ENV?: string;
}
