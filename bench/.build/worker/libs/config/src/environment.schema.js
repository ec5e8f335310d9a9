var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, Matches, MinLength, ValidateBy, ValidateIf, } from 'class-validator';
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'];
export const LOG_FORMATS = ['json', 'pretty'];
export const EMAIL_TRANSPORTS = ['smtp', 'sendgrid'];
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
const toInteger = ({ value }) => typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
/** `true`/`1`/`yes` and `false`/`0`/`no`, any case; anything else is not a boolean. */
export function parseBoolean(value) {
    if (typeof value !== 'string')
        return typeof value === 'boolean' ? value : undefined;
    if (/^\s*(true|1|yes)\s*$/i.test(value))
        return true;
    if (/^\s*(false|0|no)\s*$/i.test(value))
        return false;
    return undefined;
}
const toBoolean = ({ value }) => parseBoolean(value) ?? value;
/** One rule, one message: `PORT must be a whole number between 1 and 65535, got "abc"`. */
function IsIntegerInRange(min, max) {
    return ValidateBy({
        name: 'isIntegerInRange',
        validator: {
            validate: (value) => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max,
            defaultMessage: (args) => `${args?.property} must be a whole number between ${min} and ${max}, got "${String(args?.value)}"`,
        },
    });
}
/**
 * The process environment as the worker accepts it. Property names are the
 * variable names, so every message names the variable to fix. Defaults live
 * here and are documented in README's configuration table.
 */
export class EnvironmentSchema {
    PORT = 8080;
    GOOGLE_CLOUD_PROJECT;
    PUBSUB_EMULATOR_HOST;
    MONGODB_URI;
    MONGODB_DB = DEFAULT_MONGODB_DB;
    LOG_LEVEL = 'info';
    LOG_FORMAT;
    SHUTDOWN_GRACE_MS = 8000;
    HEALTH_CHECK_TIMEOUT_MS = 1500;
    NODE_ENV;
    // E-mail and the runs API are configured here ahead of the issues that use
    // them, so their secrets are loaded and checked with the rest. Messages
    // about secrets never quote the value.
    EMAIL_TRANSPORT;
    /** SMTP login; its password is the secret SMTP_PASSWORD. */
    SMTP_USER;
    /** Secret. Required when EMAIL_TRANSPORT=smtp and SMTP_USER is set. */
    SMTP_PASSWORD;
    /** Secret: the SMTP server as smtp[s]://user:password@host:port. */
    SMTP_URI;
    /** Secret. Required when EMAIL_TRANSPORT=sendgrid. */
    SENDGRID_API_KEY;
    /** Whether the runs and definitions API answers (it then needs API_TOKENS and SIGNING_SECRET). */
    RUNS_API_ENABLED = true;
    /** Secret: bearer tokens of the runs API, separated by commas. Required when RUNS_API_ENABLED=true. */
    API_TOKENS;
    /** Secret: the HMAC key of download links. */
    SIGNING_SECRET;
    /** Audience expected in the OIDC token of Pub/Sub push requests. Not a secret. */
    PUSH_AUDIENCE;
    // Pub/Sub: where requests are pulled from, and the push endpoint.
    PUBSUB_PULL_ENABLED = true;
    PUBSUB_SUBSCRIPTION = 'report-worker';
    PUBSUB_TOPIC = 'report-requests';
    PUBSUB_DEAD_LETTER_TOPIC = 'report-requests-dead-letter';
    PUBSUB_MAX_MESSAGES = 4;
    PUBSUB_MAX_DELIVERY_ATTEMPTS = 10;
    /** Default: true with the emulator, false otherwise. */
    PUBSUB_AUTO_CREATE;
    PUSH_ENABLED = false;
    PUSH_PATH = '/';
    /** Only for a push endpoint behind something else that authenticates; logged as a warning. */
    PUSH_AUTH_DISABLED = false;
    PUSH_SERVICE_ACCOUNTS;
    PUSH_JWKS_URL;
    // Reports: limits, defaults and where results go.
    REPORT_RESULTS_TOPIC = 'report-results';
    REPORT_MAX_ROWS = 2_000_000;
    REPORT_PDF_MAX_ROWS = 50_000;
    REPORT_MAX_OUTPUT_BYTES = 1024 ** 3;
    REPORT_RENDER_TIMEOUT_MS = 30 * 60_000;
    REPORT_RUN_LEASE_MS = 60_000;
    REPORT_RETENTION_DAYS = 30;
    /** 0 turns the sweep off (when another process removes expired files). */
    REPORT_RETENTION_SWEEP_INTERVAL_MS = 3_600_000;
    REPORT_LOCALE = 'en-US';
    REPORT_TIME_ZONE = 'UTC';
    REPORT_CURRENCY = 'EUR';
    /** Base of download links in events and e-mails. Default: http://localhost:PORT. */
    PUBLIC_BASE_URL;
    DOWNLOAD_LINK_TTL_MS = 7 * 86_400_000;
    // The follower jobs: daily P&L and monthly reports by e-mail.
    MARKET_CLOSE_TIMEZONE = 'America/New_York';
    DEFAULT_COMMISSION_PERCENTAGE = 20;
    /** The first words of the monthly e-mail's subject: "<REPORT_TITLE> Monthly Report - 2026-11". */
    REPORT_TITLE = 'Copy Trading';
    REPORT_SENDER_EMAIL;
    ADMIN_EMAIL;
    EMAIL_DELIVERY = 'attachments';
    /** Render and store, send nothing; runs and report_sent say so. */
    DRY_RUN = false;
    SMTP_HOST;
    SMTP_PORT;
    /** Implicit TLS (port 465); otherwise STARTTLS when the server offers it. */
    SMTP_SECURE = false;
    SMTP_REQUIRE_TLS = false;
    SENDGRID_BASE_URL = 'https://api.sendgrid.com';
    /** Attempts per e-mail before the follower's report is retried through Pub/Sub. */
    EMAIL_MAX_ATTEMPTS = 4;
    /**
     * How money is written: `decimal128` (MongoDB), `string` (servers without
     * Decimal128, such as FerretDB), or `auto` (asks the server).
     */
    MONEY_STORAGE = 'auto';
}
__decorate([
    IsOptional(),
    Transform(toInteger),
    IsIntegerInRange(0, 65535),
    __metadata("design:type", Number)
], EnvironmentSchema.prototype, "PORT", void 0);
__decorate([
    ValidateIf((env) => !env.PUBSUB_EMULATOR_HOST),
    IsNotEmpty({
        message: 'GOOGLE_CLOUD_PROJECT is required unless PUBSUB_EMULATOR_HOST is set: the Google Cloud project id',
    }),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "GOOGLE_CLOUD_PROJECT", void 0);
__decorate([
    IsOptional(),
    Matches(/^[^\s:/]+:\d{1,5}$/, {
        message: 'PUBSUB_EMULATOR_HOST must be host:port, e.g. localhost:8085, got "$value"',
    }),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "PUBSUB_EMULATOR_HOST", void 0);
__decorate([
    Matches(/^mongodb(\+srv)?:\/\/\S+$/, {
        message: ({ value }) => value === undefined
            ? 'MONGODB_URI is required: a MongoDB connection string such as mongodb://localhost:27017'
            : 'MONGODB_URI must be a connection string starting with mongodb:// or mongodb+srv://',
    }),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "MONGODB_URI", void 0);
__decorate([
    IsOptional(),
    Matches(/^[^/\\. "$]{1,63}$/, {
        message: 'MONGODB_DB must be a database name of at most 63 characters without / \\ . space " or $, got "$value"',
    }),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "MONGODB_DB", void 0);
__decorate([
    IsOptional(),
    IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "$value"` }),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "LOG_LEVEL", void 0);
__decorate([
    IsOptional(),
    IsIn(LOG_FORMATS, {
        message: `LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}, got "$value"`,
    }),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "LOG_FORMAT", void 0);
__decorate([
    IsOptional(),
    Transform(toInteger),
    IsIntegerInRange(0, 600_000),
    __metadata("design:type", Number)
], EnvironmentSchema.prototype, "SHUTDOWN_GRACE_MS", void 0);
__decorate([
    IsOptional(),
    Transform(toInteger),
    IsIntegerInRange(1, 60_000),
    __metadata("design:type", Number)
], EnvironmentSchema.prototype, "HEALTH_CHECK_TIMEOUT_MS", void 0);
__decorate([
    IsOptional(),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "NODE_ENV", void 0);
__decorate([
    IsOptional(),
    IsIn(EMAIL_TRANSPORTS, {
        message: `EMAIL_TRANSPORT must be one of ${EMAIL_TRANSPORTS.join(', ')}, got "$value"`,
    }),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "EMAIL_TRANSPORT", void 0);
__decorate([
    IsOptional(),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "SMTP_USER", void 0);
__decorate([
    IsOptional(),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "SMTP_PASSWORD", void 0);
__decorate([
    IsOptional(),
    Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URI must start with smtp:// or smtps://' }),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "SMTP_URI", void 0);
__decorate([
    IsOptional(),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "SENDGRID_API_KEY", void 0);
__decorate([
    IsOptional(),
    Transform(toBoolean),
    IsBoolean({ message: 'RUNS_API_ENABLED must be true or false, got "$value"' }),
    __metadata("design:type", Boolean)
], EnvironmentSchema.prototype, "RUNS_API_ENABLED", void 0);
__decorate([
    IsOptional(),
    Matches(/[^\s,]/, {
        message: 'API_TOKENS must hold at least one token (tokens are separated by commas)',
    }),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "API_TOKENS", void 0);
__decorate([
    IsOptional(),
    MinLength(MIN_SIGNING_SECRET_LENGTH, {
        message: `SIGNING_SECRET must be at least ${MIN_SIGNING_SECRET_LENGTH} characters long`,
    }),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "SIGNING_SECRET", void 0);
__decorate([
    ValidateIf((env) => env.PUSH_ENABLED && !env.PUSH_AUTH_DISABLED),
    IsNotEmpty({
        message: 'PUSH_AUDIENCE is required when PUSH_ENABLED=true: the audience set on the push subscription (usually the endpoint URL)',
    }),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "PUSH_AUDIENCE", void 0);
__decorate([
    IsOptional(),
    Transform(toBoolean),
    IsBoolean({ message: 'PUBSUB_PULL_ENABLED must be true or false, got "$value"' }),
    __metadata("design:type", Boolean)
], EnvironmentSchema.prototype, "PUBSUB_PULL_ENABLED", void 0);
__decorate([
    IsOptional(),
    Matches(RESOURCE_NAME, { message: 'PUBSUB_SUBSCRIPTION must be a Pub/Sub subscription name, got "$value"' }),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "PUBSUB_SUBSCRIPTION", void 0);
__decorate([
    IsOptional(),
    Matches(RESOURCE_NAME, { message: 'PUBSUB_TOPIC must be a Pub/Sub topic name, got "$value"' }),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "PUBSUB_TOPIC", void 0);
__decorate([
    IsOptional(),
    Matches(RESOURCE_NAME, { message: 'PUBSUB_DEAD_LETTER_TOPIC must be a Pub/Sub topic name, got "$value"' }),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "PUBSUB_DEAD_LETTER_TOPIC", void 0);
__decorate([
    IsOptional(),
    Transform(toInteger),
    IsIntegerInRange(1, 1_000),
    __metadata("design:type", Number)
], EnvironmentSchema.prototype, "PUBSUB_MAX_MESSAGES", void 0);
__decorate([
    IsOptional(),
    Transform(toInteger),
    IsIntegerInRange(5, 100),
    __metadata("design:type", Number)
], EnvironmentSchema.prototype, "PUBSUB_MAX_DELIVERY_ATTEMPTS", void 0);
__decorate([
    IsOptional(),
    Transform(toBoolean),
    IsBoolean({ message: 'PUBSUB_AUTO_CREATE must be true or false, got "$value"' }),
    __metadata("design:type", Boolean)
], EnvironmentSchema.prototype, "PUBSUB_AUTO_CREATE", void 0);
__decorate([
    IsOptional(),
    Transform(toBoolean),
    IsBoolean({ message: 'PUSH_ENABLED must be true or false, got "$value"' }),
    __metadata("design:type", Boolean)
], EnvironmentSchema.prototype, "PUSH_ENABLED", void 0);
__decorate([
    IsOptional(),
    Matches(/^\/[\w\-./]*$/, { message: 'PUSH_PATH must be an absolute path such as / or /pubsub/push, got "$value"' }),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "PUSH_PATH", void 0);
__decorate([
    IsOptional(),
    Transform(toBoolean),
    IsBoolean({ message: 'PUSH_AUTH_DISABLED must be true or false, got "$value"' }),
    __metadata("design:type", Boolean)
], EnvironmentSchema.prototype, "PUSH_AUTH_DISABLED", void 0);
__decorate([
    IsOptional(),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "PUSH_SERVICE_ACCOUNTS", void 0);
__decorate([
    IsOptional(),
    Matches(/^https?:\/\/\S+$/, { message: 'PUSH_JWKS_URL must be an http(s) URL, got "$value"' }),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "PUSH_JWKS_URL", void 0);
__decorate([
    IsOptional(),
    Matches(RESOURCE_NAME, { message: 'REPORT_RESULTS_TOPIC must be a Pub/Sub topic name, got "$value"' }),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "REPORT_RESULTS_TOPIC", void 0);
__decorate([
    IsOptional(),
    Transform(toInteger),
    IsIntegerInRange(1, 100_000_000),
    __metadata("design:type", Number)
], EnvironmentSchema.prototype, "REPORT_MAX_ROWS", void 0);
__decorate([
    IsOptional(),
    Transform(toInteger),
    IsIntegerInRange(1, 100_000),
    __metadata("design:type", Number)
], EnvironmentSchema.prototype, "REPORT_PDF_MAX_ROWS", void 0);
__decorate([
    IsOptional(),
    Transform(toInteger),
    IsIntegerInRange(1_024, 16 * 1024 ** 3),
    __metadata("design:type", Number)
], EnvironmentSchema.prototype, "REPORT_MAX_OUTPUT_BYTES", void 0);
__decorate([
    IsOptional(),
    Transform(toInteger),
    IsIntegerInRange(1_000, 24 * 3_600_000),
    __metadata("design:type", Number)
], EnvironmentSchema.prototype, "REPORT_RENDER_TIMEOUT_MS", void 0);
__decorate([
    IsOptional(),
    Transform(toInteger),
    IsIntegerInRange(3_000, 3_600_000),
    __metadata("design:type", Number)
], EnvironmentSchema.prototype, "REPORT_RUN_LEASE_MS", void 0);
__decorate([
    IsOptional(),
    Transform(toInteger),
    IsIntegerInRange(1, 3_650),
    __metadata("design:type", Number)
], EnvironmentSchema.prototype, "REPORT_RETENTION_DAYS", void 0);
__decorate([
    IsOptional(),
    Transform(toInteger),
    IsIntegerInRange(0, 7 * 86_400_000),
    __metadata("design:type", Number)
], EnvironmentSchema.prototype, "REPORT_RETENTION_SWEEP_INTERVAL_MS", void 0);
__decorate([
    IsOptional(),
    ValidateBy({
        name: 'isLocale',
        validator: {
            validate: (value) => typeof value === 'string' && isLocale(value),
            defaultMessage: () => 'REPORT_LOCALE must be a BCP 47 language tag such as en-US',
        },
    }),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "REPORT_LOCALE", void 0);
__decorate([
    IsOptional(),
    ValidateBy({
        name: 'isTimeZone',
        validator: {
            validate: (value) => typeof value === 'string' && isTimeZone(value),
            defaultMessage: () => 'REPORT_TIME_ZONE must be an IANA time zone such as Europe/Berlin',
        },
    }),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "REPORT_TIME_ZONE", void 0);
__decorate([
    IsOptional(),
    Matches(/^[A-Z]{3}$/, { message: 'REPORT_CURRENCY must be an ISO 4217 code such as EUR, got "$value"' }),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "REPORT_CURRENCY", void 0);
__decorate([
    IsOptional(),
    Matches(/^https?:\/\/\S+$/, { message: 'PUBLIC_BASE_URL must be an http(s) URL, got "$value"' }),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "PUBLIC_BASE_URL", void 0);
__decorate([
    IsOptional(),
    Transform(toInteger),
    IsIntegerInRange(60_000, 7 * 86_400_000),
    __metadata("design:type", Number)
], EnvironmentSchema.prototype, "DOWNLOAD_LINK_TTL_MS", void 0);
__decorate([
    IsOptional(),
    ValidateBy({
        name: 'isTimeZone',
        validator: {
            validate: (value) => typeof value === 'string' && isTimeZone(value),
            defaultMessage: () => 'MARKET_CLOSE_TIMEZONE must be an IANA time zone such as America/New_York',
        },
    }),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "MARKET_CLOSE_TIMEZONE", void 0);
__decorate([
    IsOptional(),
    Transform(({ value }) => (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value)),
    ValidateBy({
        name: 'isPercentage',
        validator: {
            validate: (value) => typeof value === 'number' && value >= 0 && value <= 100,
            defaultMessage: (args) => `DEFAULT_COMMISSION_PERCENTAGE must be a number from 0 to 100, got "${String(args?.value)}"`,
        },
    }),
    __metadata("design:type", Number)
], EnvironmentSchema.prototype, "DEFAULT_COMMISSION_PERCENTAGE", void 0);
__decorate([
    IsOptional(),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "REPORT_TITLE", void 0);
__decorate([
    ValidateIf((env) => Boolean(env.EMAIL_TRANSPORT)),
    Matches(EMAIL_ADDRESS, {
        message: ({ value }) => value === undefined
            ? 'REPORT_SENDER_EMAIL is required with EMAIL_TRANSPORT: the From address of report e-mails'
            : `REPORT_SENDER_EMAIL must be an e-mail address, got "${String(value)}"`,
    }),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "REPORT_SENDER_EMAIL", void 0);
__decorate([
    IsOptional(),
    Matches(EMAIL_ADDRESS, { message: 'ADMIN_EMAIL must be an e-mail address, got "$value"' }),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "ADMIN_EMAIL", void 0);
__decorate([
    IsOptional(),
    IsIn(['attachments', 'links'], { message: 'EMAIL_DELIVERY must be attachments or links, got "$value"' }),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "EMAIL_DELIVERY", void 0);
__decorate([
    IsOptional(),
    Transform(toBoolean),
    IsBoolean({ message: 'DRY_RUN must be true or false, got "$value"' }),
    __metadata("design:type", Boolean)
], EnvironmentSchema.prototype, "DRY_RUN", void 0);
__decorate([
    IsOptional(),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "SMTP_HOST", void 0);
__decorate([
    IsOptional(),
    Transform(toInteger),
    IsIntegerInRange(1, 65535),
    __metadata("design:type", Number)
], EnvironmentSchema.prototype, "SMTP_PORT", void 0);
__decorate([
    IsOptional(),
    Transform(toBoolean),
    IsBoolean({ message: 'SMTP_SECURE must be true or false, got "$value"' }),
    __metadata("design:type", Boolean)
], EnvironmentSchema.prototype, "SMTP_SECURE", void 0);
__decorate([
    IsOptional(),
    Transform(toBoolean),
    IsBoolean({ message: 'SMTP_REQUIRE_TLS must be true or false, got "$value"' }),
    __metadata("design:type", Boolean)
], EnvironmentSchema.prototype, "SMTP_REQUIRE_TLS", void 0);
__decorate([
    IsOptional(),
    Matches(/^https?:\/\/\S+$/, { message: 'SENDGRID_BASE_URL must be an http(s) URL, got "$value"' }),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "SENDGRID_BASE_URL", void 0);
__decorate([
    IsOptional(),
    Transform(toInteger),
    IsIntegerInRange(1, 20),
    __metadata("design:type", Number)
], EnvironmentSchema.prototype, "EMAIL_MAX_ATTEMPTS", void 0);
__decorate([
    IsOptional(),
    IsIn(['auto', 'decimal128', 'string'], { message: 'MONEY_STORAGE must be auto, decimal128 or string, got "$value"' }),
    __metadata("design:type", String)
], EnvironmentSchema.prototype, "MONEY_STORAGE", void 0);
export function isLocale(value) {
    try {
        return Intl.getCanonicalLocales(value).length === 1;
    }
    catch {
        return false;
    }
}
export function isTimeZone(value) {
    try {
        new Intl.DateTimeFormat('en-US', { timeZone: value });
        return true;
    }
    catch {
        return false;
    }
}
//# sourceMappingURL=environment.schema.js.map