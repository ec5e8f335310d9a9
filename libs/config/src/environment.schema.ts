import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  Matches,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export const EMAIL_TRANSPORTS = ['smtp', 'sendgrid'] as const;
export type EmailTransport = (typeof EMAIL_TRANSPORTS)[number];

/** The worker's database when `MONGODB_DB` is unset. */
export const DEFAULT_MONGODB_DB = 'report_worker';

/** Shortest `SIGNING_SECRET` accepted: 32 characters, 256 bits if random. */
export const MIN_SIGNING_SECRET_LENGTH = 32;

/** A Pub/Sub topic or subscription id (or its full resource name). */
const RESOURCE_NAME = /^(projects\/[^/]+\/(topics|subscriptions)\/)?[A-Za-z][\w.~+%-]{2,254}$/;

const EMAIL_ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** Project used with the emulator when none is given: the emulator accepts any id. */
export const EMULATOR_DEFAULT_PROJECT = 'report-worker-local';

/**
 * Numbers are converted here, once; an unparsable value stays a string so the
 * message can quote what was given.
 */
const toInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;

/** `true`/`1`/`yes` and `false`/`0`/`no`, any case; anything else is not a boolean. */
export function parseBoolean(value: unknown): boolean | undefined {
  if (typeof value !== 'string') return typeof value === 'boolean' ? value : undefined;
  if (/^\s*(true|1|yes)\s*$/i.test(value)) return true;
  if (/^\s*(false|0|no)\s*$/i.test(value)) return false;
  return undefined;
}

const toBoolean = ({ value }: { value: unknown }): unknown => parseBoolean(value) ?? value;

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

/** An optional `true`/`false` variable: `NAME must be true or false, got "…"`. */
function OptionalBoolean() {
  return applyDecorators(
    IsOptional(),
    Transform(toBoolean),
    IsBoolean({
      message: ({ property, value }) => `${property} must be true or false, got "${String(value)}"`,
    }),
  );
}

/** An optional whole number within bounds. */
function OptionalInteger(min: number, max: number) {
  return applyDecorators(IsOptional(), Transform(toInteger), IsIntegerInRange(min, max));
}

/** An optional IANA time zone, with an example in the message. */
function OptionalTimeZone(example: string) {
  return applyDecorators(
    IsOptional(),
    ValidateBy({
      name: 'isTimeZone',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isTimeZone(value),
        defaultMessage: (args) => `${args?.property} must be an IANA time zone such as ${example}`,
      },
    }),
  );
}

/**
 * The process environment as the worker accepts it. Property names are the
 * variable names, so every message names the variable to fix. Defaults live
 * here and are documented in README's configuration table.
 */
export class EnvironmentSchema {
  @OptionalInteger(0, 65535)
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
  MONGODB_DB: string = DEFAULT_MONGODB_DB;

  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "$value"` })
  LOG_LEVEL: LogLevel = 'info';

  @IsOptional()
  @IsIn(LOG_FORMATS, {
    message: `LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}, got "$value"`,
  })
  LOG_FORMAT?: LogFormat;

  @OptionalInteger(0, 600_000)
  SHUTDOWN_GRACE_MS: number = 8000;

  @OptionalInteger(1, 60_000)
  HEALTH_CHECK_TIMEOUT_MS: number = 1500;

  @IsOptional()
  NODE_ENV?: string;

  // E-mail and the runs API are configured here ahead of the issues that use
  // them, so their secrets are loaded and checked with the rest. Messages
  // about secrets never quote the value.

  @IsOptional()
  @IsIn(EMAIL_TRANSPORTS, {
    message: `EMAIL_TRANSPORT must be one of ${EMAIL_TRANSPORTS.join(', ')}, got "$value"`,
  })
  EMAIL_TRANSPORT?: EmailTransport;

  /** SMTP login; its password is the secret SMTP_PASSWORD. */
  @IsOptional()
  SMTP_USER?: string;

  /** Secret. Required when EMAIL_TRANSPORT=smtp and SMTP_USER is set. */
  @IsOptional()
  SMTP_PASSWORD?: string;

  /** Secret: the SMTP server as smtp[s]://user:password@host:port. */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URI must start with smtp:// or smtps://' })
  SMTP_URI?: string;

  /** Secret. Required when EMAIL_TRANSPORT=sendgrid. */
  @IsOptional()
  SENDGRID_API_KEY?: string;

  /** Whether the runs and definitions API answers (it then needs API_TOKENS and SIGNING_SECRET). */
  @OptionalBoolean()
  RUNS_API_ENABLED: boolean = true;

  /** Secret: bearer tokens of the runs API, separated by commas. Required when RUNS_API_ENABLED=true. */
  @IsOptional()
  @Matches(/[^\s,]/, {
    message: 'API_TOKENS must hold at least one token (tokens are separated by commas)',
  })
  API_TOKENS?: string;

  /** Secret: the HMAC key of download links. */
  @IsOptional()
  @MinLength(MIN_SIGNING_SECRET_LENGTH, {
    message: `SIGNING_SECRET must be at least ${MIN_SIGNING_SECRET_LENGTH} characters long`,
  })
  SIGNING_SECRET?: string;

  /** Audience expected in the OIDC token of Pub/Sub push requests. Not a secret. */
  @ValidateIf((env: EnvironmentSchema) => env.PUSH_ENABLED && !env.PUSH_AUTH_DISABLED)
  @IsNotEmpty({
    message:
      'PUSH_AUDIENCE is required when PUSH_ENABLED=true: the audience set on the push subscription (usually the endpoint URL)',
  })
  PUSH_AUDIENCE?: string;

  // Pub/Sub: where requests are pulled from, and the push endpoint.

  @OptionalBoolean()
  PUBSUB_PULL_ENABLED: boolean = true;

  @IsOptional()
  @Matches(RESOURCE_NAME, {
    message: 'PUBSUB_SUBSCRIPTION must be a Pub/Sub subscription name, got "$value"',
  })
  PUBSUB_SUBSCRIPTION: string = 'report-worker';

  @IsOptional()
  @Matches(RESOURCE_NAME, { message: 'PUBSUB_TOPIC must be a Pub/Sub topic name, got "$value"' })
  PUBSUB_TOPIC: string = 'report-requests';

  @IsOptional()
  @Matches(RESOURCE_NAME, {
    message: 'PUBSUB_DEAD_LETTER_TOPIC must be a Pub/Sub topic name, got "$value"',
  })
  PUBSUB_DEAD_LETTER_TOPIC: string = 'report-requests-dead-letter';

  @OptionalInteger(1, 1_000)
  PUBSUB_MAX_MESSAGES: number = 4;

  @OptionalInteger(5, 100)
  PUBSUB_MAX_DELIVERY_ATTEMPTS: number = 10;

  /** Default: true with the emulator, false otherwise. */
  @OptionalBoolean()
  PUBSUB_AUTO_CREATE?: boolean;

  @OptionalBoolean()
  PUSH_ENABLED: boolean = false;

  @IsOptional()
  @Matches(/^\/[\w\-./]*$/, {
    message: 'PUSH_PATH must be an absolute path such as / or /pubsub/push, got "$value"',
  })
  PUSH_PATH: string = '/';

  /** Only for a push endpoint behind something else that authenticates; logged as a warning. */
  @OptionalBoolean()
  PUSH_AUTH_DISABLED: boolean = false;

  @IsOptional()
  PUSH_SERVICE_ACCOUNTS?: string;

  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'PUSH_JWKS_URL must be an http(s) URL, got "$value"' })
  PUSH_JWKS_URL?: string;

  // Reports: limits, defaults and where results go.

  @IsOptional()
  @Matches(RESOURCE_NAME, {
    message: 'REPORT_RESULTS_TOPIC must be a Pub/Sub topic name, got "$value"',
  })
  REPORT_RESULTS_TOPIC: string = 'report-results';

  @OptionalInteger(1, 100_000_000)
  REPORT_MAX_ROWS: number = 2_000_000;

  @OptionalInteger(1, 100_000)
  REPORT_PDF_MAX_ROWS: number = 50_000;

  @OptionalInteger(1_024, 16 * 1024 ** 3)
  REPORT_MAX_OUTPUT_BYTES: number = 1024 ** 3;

  @OptionalInteger(1_000, 24 * 3_600_000)
  REPORT_RENDER_TIMEOUT_MS: number = 30 * 60_000;

  @OptionalInteger(3_000, 3_600_000)
  REPORT_RUN_LEASE_MS: number = 60_000;

  @OptionalInteger(1, 3_650)
  REPORT_RETENTION_DAYS: number = 30;

  /** 0 turns the sweep off (when another process removes expired files). */
  @OptionalInteger(0, 7 * 86_400_000)
  REPORT_RETENTION_SWEEP_INTERVAL_MS: number = 3_600_000;

  @IsOptional()
  @ValidateBy({
    name: 'isLocale',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isLocale(value),
      defaultMessage: () => 'REPORT_LOCALE must be a BCP 47 language tag such as en-US',
    },
  })
  REPORT_LOCALE: string = 'en-US';

  @OptionalTimeZone('Europe/Berlin')
  REPORT_TIME_ZONE: string = 'UTC';

  /** Start CSV files with a UTF-8 byte order mark (Excel needs it to read non-ASCII text). */
  @OptionalBoolean()
  REPORT_CSV_BOM: boolean = false;

  @IsOptional()
  @Matches(/^[A-Z]{3}$/, {
    message: 'REPORT_CURRENCY must be an ISO 4217 code such as EUR, got "$value"',
  })
  REPORT_CURRENCY: string = 'EUR';

  /** Base of download links in events and e-mails. Default: http://localhost:PORT. */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'PUBLIC_BASE_URL must be an http(s) URL, got "$value"' })
  PUBLIC_BASE_URL?: string;

  @OptionalInteger(60_000, 7 * 86_400_000)
  DOWNLOAD_LINK_TTL_MS: number = 7 * 86_400_000;

  // The follower jobs: daily P&L and monthly reports by e-mail.

  @OptionalTimeZone('America/New_York')
  MARKET_CLOSE_TIMEZONE: string = 'America/New_York';

  @IsOptional()
  @Transform(({ value }) =>
    typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value,
  )
  @ValidateBy({
    name: 'isPercentage',
    validator: {
      validate: (value: unknown) => typeof value === 'number' && value >= 0 && value <= 100,
      defaultMessage: (args) =>
        `DEFAULT_COMMISSION_PERCENTAGE must be a number from 0 to 100, got "${String(args?.value)}"`,
    },
  })
  DEFAULT_COMMISSION_PERCENTAGE: number = 20;

  /** The first words of the monthly e-mail's subject: "<REPORT_TITLE> Monthly Report - 2026-11". */
  @IsOptional()
  REPORT_TITLE: string = 'Copy Trading';

  @ValidateIf((env: EnvironmentSchema) => Boolean(env.EMAIL_TRANSPORT))
  @Matches(EMAIL_ADDRESS, {
    message: ({ value }) =>
      value === undefined
        ? 'REPORT_SENDER_EMAIL is required with EMAIL_TRANSPORT: the From address of report e-mails'
        : `REPORT_SENDER_EMAIL must be an e-mail address, got "${String(value)}"`,
  })
  REPORT_SENDER_EMAIL?: string;

  @IsOptional()
  @Matches(EMAIL_ADDRESS, { message: 'ADMIN_EMAIL must be an e-mail address, got "$value"' })
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsIn(['attachments', 'links'], {
    message: 'EMAIL_DELIVERY must be attachments or links, got "$value"',
  })
  EMAIL_DELIVERY: 'attachments' | 'links' = 'attachments';

  /** Render and store, send nothing; runs and report_sent say so. */
  @OptionalBoolean()
  DRY_RUN: boolean = false;

  @ValidateIf((env: EnvironmentSchema) => env.EMAIL_TRANSPORT === 'smtp' && !env.SMTP_URI)
  @IsNotEmpty({ message: 'SMTP_HOST (or SMTP_URI) is required when EMAIL_TRANSPORT=smtp' })
  SMTP_HOST?: string;

  @OptionalInteger(1, 65535)
  SMTP_PORT?: number;

  /** Implicit TLS (port 465); otherwise STARTTLS when the server offers it. */
  @OptionalBoolean()
  SMTP_SECURE: boolean = false;

  @OptionalBoolean()
  SMTP_REQUIRE_TLS: boolean = false;

  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, {
    message: 'SENDGRID_BASE_URL must be an http(s) URL, got "$value"',
  })
  SENDGRID_BASE_URL: string = 'https://api.sendgrid.com';

  /** Attempts per e-mail before the follower's report is retried through Pub/Sub. */
  @OptionalInteger(1, 20)
  EMAIL_MAX_ATTEMPTS: number = 4;

  /**
   * How money is written: `decimal128` (MongoDB), `string` (servers without
   * Decimal128, such as FerretDB), or `auto` (asks the server).
   */
  @IsOptional()
  @IsIn(['auto', 'decimal128', 'string'], {
    message: 'MONEY_STORAGE must be auto, decimal128 or string, got "$value"',
  })
  MONEY_STORAGE: 'auto' | 'decimal128' | 'string' = 'auto';
}

export function isLocale(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

export function isTimeZone(value: string): boolean {
  try {
    return Boolean(
      new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone,
    );
  } catch {
    return false;
  }
}
