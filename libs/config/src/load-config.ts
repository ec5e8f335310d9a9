import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { AppConfig } from './app-config.js';
import { ConfigValidationError } from './config-validation.error.js';
import { type Environment, withoutEmptyValues } from './environment.js';
import { EMULATOR_DEFAULT_PROJECT, EnvironmentSchema } from './environment.schema.js';
import type { FoundSecret } from './secrets/secret-source.js';
import { SecretRedactor } from './secrets/secret-redactor.js';
import {
  CONNECTION_STRING_VARIABLES,
  connectionStringSecrets,
  isSecretVariable,
  missingSecretProblems,
  secretParts,
} from './secrets/secret-variables.js';
import { Secrets } from './secrets/secrets.js';
import { isSecretManagerReference } from './secrets/sources/secret-manager.secret-source.js';
import { isVaultReference } from './secrets/sources/vault.secret-source.js';

export type { Environment } from './environment.js';

/**
 * Validates the environment exactly as given and returns the typed
 * configuration, or throws a `ConfigValidationError` listing every problem.
 * No secret store is read: a `sm://` or `vault://` reference is refused and
 * `NAME_FILE` is not followed. The worker starts with `resolveConfig`, which
 * reads the secret sources first; this is for tests and tools.
 */
export function loadConfig(env: Environment = process.env): AppConfig {
  const plain = withoutEmptyValues(env);
  const redactor = new SecretRedactor();
  const secrets = new Map<string, FoundSecret>();
  const references: string[] = [];
  for (const [name, value] of Object.entries(plain)) {
    if (isSecretManagerReference(value) || isVaultReference(value)) {
      references.push(`${name} refers to a secret store, which only resolveConfig reads`);
      delete plain[name];
    } else if (isSecretVariable(name)) {
      secrets.set(name, { value, source: 'env', origin: 'environment' });
      for (const part of secretParts(name, value)) redactor.add(part);
    }
  }
  for (const name of CONNECTION_STRING_VARIABLES) {
    for (const password of connectionStringSecrets(plain[name])) redactor.add(password);
  }
  const { schema, problems } = validateEnvironment(plain, 'env');
  if (references.length > 0 || !schema) {
    throw new ConfigValidationError([...references, ...problems].map(redactor.redact));
  }
  return toAppConfig(schema, new Secrets({ redactor, secrets }));
}

/**
 * Checks a resolved environment: required secrets first (naming the sources
 * `tried`), then the schema. Returns the schema instance only when there is
 * no problem.
 */
export function validateEnvironment(
  env: Readonly<Record<string, string>>,
  tried: string,
  hint?: (name: string) => string,
): { schema?: EnvironmentSchema; problems: string[] } {
  const raw = plainToInstance(EnvironmentSchema, { ...env }, { exposeDefaultValues: true });
  const problems = [
    ...missingSecretProblems(env, tried, hint),
    ...validateSync(raw, { skipMissingProperties: false }).flatMap(describe),
  ];
  return problems.length > 0 ? { problems } : { schema: raw, problems };
}

export function toAppConfig(env: EnvironmentSchema, secrets: Secrets): AppConfig {
  const environment =
    env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  return new AppConfig({
    port: env.PORT,
    environment,
    pubsub: {
      projectId: env.GOOGLE_CLOUD_PROJECT || EMULATOR_DEFAULT_PROJECT,
      emulatorHost: env.PUBSUB_EMULATOR_HOST,
      pullEnabled: env.PUBSUB_PULL_ENABLED,
      subscription: env.PUBSUB_SUBSCRIPTION,
      topic: env.PUBSUB_TOPIC,
      deadLetterTopic: env.PUBSUB_DEAD_LETTER_TOPIC,
      maxMessages: env.PUBSUB_MAX_MESSAGES,
      maxDeliveryAttempts: env.PUBSUB_MAX_DELIVERY_ATTEMPTS,
      // Production resources belong to infrastructure code; the emulator starts empty.
      autoCreate: env.PUBSUB_AUTO_CREATE ?? Boolean(env.PUBSUB_EMULATOR_HOST),
    },
    mongodb: { uri: env.MONGODB_URI, dbName: env.MONGODB_DB },
    log: {
      level: env.LOG_LEVEL,
      // Cloud Logging parses JSON lines; people read text.
      format: env.LOG_FORMAT ?? (environment === 'production' ? 'json' : 'pretty'),
    },
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    healthCheckTimeoutMs: env.HEALTH_CHECK_TIMEOUT_MS,
    email: {
      transport: env.EMAIL_TRANSPORT,
      smtp: {
        uri: env.SMTP_URI,
        host: env.SMTP_HOST,
        port: env.SMTP_PORT,
        secure: env.SMTP_SECURE,
        requireTls: env.SMTP_REQUIRE_TLS,
        user: env.SMTP_USER,
        password: env.SMTP_PASSWORD,
      },
      sendgridApiKey: env.SENDGRID_API_KEY,
      sendgridBaseUrl: env.SENDGRID_BASE_URL,
      sender: env.REPORT_SENDER_EMAIL,
      admin: env.ADMIN_EMAIL,
      delivery: env.EMAIL_DELIVERY,
      dryRun: env.DRY_RUN,
      maxAttempts: env.EMAIL_MAX_ATTEMPTS,
    },
    jobs: {
      marketTimeZone: env.MARKET_CLOSE_TIMEZONE,
      defaultCommissionPercent: env.DEFAULT_COMMISSION_PERCENTAGE,
      reportTitle: env.REPORT_TITLE,
      moneyStorage: env.MONEY_STORAGE,
    },
    runsApi: {
      enabled: env.RUNS_API_ENABLED,
      tokens: splitList(env.API_TOKENS),
    },
    downloadLinks: {
      signingSecret: env.SIGNING_SECRET,
      baseUrl: env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`,
      ttlMs: env.DOWNLOAD_LINK_TTL_MS,
    },
    push: {
      enabled: env.PUSH_ENABLED,
      path: env.PUSH_PATH,
      audience: env.PUSH_AUDIENCE,
      authDisabled: env.PUSH_AUTH_DISABLED,
      serviceAccounts: splitList(env.PUSH_SERVICE_ACCOUNTS),
      jwksUrl: env.PUSH_JWKS_URL,
    },
    reports: {
      resultsTopic: env.REPORT_RESULTS_TOPIC,
      maxRows: env.REPORT_MAX_ROWS,
      pdfMaxRows: env.REPORT_PDF_MAX_ROWS,
      maxOutputBytes: env.REPORT_MAX_OUTPUT_BYTES,
      renderTimeoutMs: env.REPORT_RENDER_TIMEOUT_MS,
      runLeaseMs: env.REPORT_RUN_LEASE_MS,
      retentionDays: env.REPORT_RETENTION_DAYS,
      retentionSweepIntervalMs: env.REPORT_RETENTION_SWEEP_INTERVAL_MS,
      locale: env.REPORT_LOCALE,
      timeZone: env.REPORT_TIME_ZONE,
      currency: env.REPORT_CURRENCY,
      csvBom: env.REPORT_CSV_BOM,
    },
    secrets,
  });
}

function describe(error: ValidationError): string[] {
  const own = Object.values(error.constraints ?? {});
  // class-validator reports each failed rule; the first one says enough.
  return [...own.slice(0, 1), ...(error.children ?? []).flatMap(describe)];
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
