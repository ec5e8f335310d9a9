import { status } from '@grpc/grpc-js';
import {
  type AppConfig,
  ConfigValidationError,
  redactError,
  resolveConfig,
  SecretRedactor,
  SecretsRefresher,
} from '@lib/config';
import { StructuredLogger } from '@lib/logging';
import { type INestApplication, Logger } from '@nestjs/common';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../tools/local-services/index.js';
import {
  type RunningSecretManager,
  startSecretManager,
} from './support/secrets-secret-manager-server.js';
import { type RunningVault, startVault } from './support/secrets-vault-server.js';
import { SuiteEnvironment } from './support/test-environment.js';

/** The problems of a refused start-up; fails the test if start-up succeeds. */
async function startUpProblems(
  env: Record<string, string | undefined>,
): Promise<readonly string[]> {
  const error: unknown = await resolveConfig(env).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ConfigValidationError);
  return (error as ConfigValidationError).problems;
}

describe('secrets from Google Secret Manager (the real client against a local gRPC server)', () => {
  const suite = new SuiteEnvironment('secrets-gsm');
  let secretManager: RunningSecretManager;

  beforeAll(async () => {
    secretManager = await startSecretManager({
      'projects/acme/secrets/sendgrid-key/versions/latest': {
        payload: 'SG.gsm-e2e-4c1d',
        version: 3,
      },
      'projects/acme/secrets/smtp-password/versions/2': { payload: 'gsm-smtp-pass-e2e' },
      'projects/acme/secrets/denied/versions/latest': { status: status.PERMISSION_DENIED },
    });
  });
  afterAll(async () => {
    await secretManager?.stop();
  });

  it('replaces sm:// references with the payloads before start-up', async () => {
    const config = await resolveConfig(
      suite.env({
        SECRET_MANAGER_EMULATOR_HOST: secretManager.host,
        EMAIL_TRANSPORT: 'sendgrid',
        SENDGRID_API_KEY: 'sm://projects/acme/secrets/sendgrid-key',
        SMTP_PASSWORD: 'sm://projects/acme/secrets/smtp-password/versions/2',
      }),
    );
    expect(config.email.sendgridApiKey).toBe('SG.gsm-e2e-4c1d');
    expect(config.email.smtp.password).toBe('gsm-smtp-pass-e2e');
    expect(config.secrets.describe()).toContainEqual({
      name: 'SENDGRID_API_KEY',
      source: 'gsm',
      origin: 'projects/acme/secrets/sendgrid-key/versions/3',
    });
  });

  it('refuses to start on a missing secret (NOT_FOUND), naming variable, secret and status', async () => {
    const problems = await startUpProblems(
      suite.env({
        SECRET_MANAGER_EMULATOR_HOST: secretManager.host,
        SENDGRID_API_KEY: 'sm://projects/acme/secrets/no-such-secret',
      }),
    );
    expect(problems).toEqual([
      'Secret source gsm failed: SENDGRID_API_KEY (sm://projects/acme/secrets/no-such-secret/versions/latest): ' +
        'the secret or version does not exist (NOT_FOUND)',
    ]);
  });

  it('refuses to start on a denied secret (PERMISSION_DENIED), saying which role is missing', async () => {
    const problems = await startUpProblems(
      suite.env({
        SECRET_MANAGER_EMULATOR_HOST: secretManager.host,
        SMTP_PASSWORD: 'sm://projects/acme/secrets/denied',
      }),
    );
    expect(problems).toEqual([
      'Secret source gsm failed: SMTP_PASSWORD (sm://projects/acme/secrets/denied/versions/latest): ' +
        'access denied: the service account needs roles/secretmanager.secretAccessor on the secret (PERMISSION_DENIED)',
    ]);
  });

  it('refuses to start when Secret Manager cannot be reached, unless it is optional', async () => {
    const closed = `127.0.0.1:${await freePort()}`;
    const env = suite.env({
      SECRET_MANAGER_EMULATOR_HOST: closed,
      SECRET_SOURCE_TIMEOUT_MS: '1000',
      SIGNING_SECRET: 'sm://projects/acme/secrets/signing',
      // Without the runs API the signing secret is optional, so the source may be too.
      RUNS_API_ENABLED: 'false',
    });
    const problems = await startUpProblems(env);
    expect(problems).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Secret source gsm failed: SIGNING_SECRET \\(sm://projects/acme/secrets/signing/versions/latest\\): .* at ${closed} within 1000 ms \\((UNAVAILABLE|DEADLINE_EXCEEDED)\\)$`,
        ),
      ),
    ]);

    const config = await resolveConfig({ ...env, SECRET_SOURCES_OPTIONAL: 'gsm' });
    expect(config.downloadLinks.signingSecret).toBeUndefined();
    expect(config.secrets.warnings).toEqual([
      expect.stringMatching(/^Secret source gsm failed: .*optional/),
    ]);
  });
});

describe('secrets from HashiCorp Vault KV v2 (a local HTTP server)', () => {
  const suite = new SuiteEnvironment('secrets-vault');
  let vault: RunningVault;

  beforeAll(async () => {
    vault = await startVault('e2e-vault-token-5e2a', {
      'secret/report-worker/test/app': {
        SENDGRID_API_KEY: 'SG.vault-path-e2e',
        API_TOKENS: 'tok-e2e-one,tok-e2e-two',
      },
      'secret/report-worker/test/smtp': { password: 'vault-smtp-pass-e2e' },
    });
  });
  afterAll(async () => {
    await vault?.stop();
  });

  const vaultEnv = (overrides: Record<string, string> = {}) =>
    suite.env({
      VAULT_ADDR: vault.address,
      VAULT_TOKEN: vault.token,
      VAULT_PATH_PREFIX: 'report-worker/test',
      ...overrides,
    });

  it('loads every key of VAULT_SECRETS_PATH and resolves vault://path#key', async () => {
    const config = await resolveConfig(
      vaultEnv({
        VAULT_SECRETS_PATH: 'app',
        SMTP_PASSWORD: 'vault://smtp#password',
        RUNS_API_ENABLED: 'true',
      }),
    );
    expect(config.email.sendgridApiKey).toBe('SG.vault-path-e2e');
    expect(config.email.smtp.password).toBe('vault-smtp-pass-e2e');
    expect(config.runsApi.tokens).toEqual(['tok-e2e-one', 'tok-e2e-two']);
    expect(config.secrets.describe()).toContainEqual({
      name: 'SMTP_PASSWORD',
      source: 'vault',
      origin: 'secret/report-worker/test/smtp#password (version 1)',
    });
  });

  it('refuses to start with a wrong token (403), without printing either token', async () => {
    const problems = await startUpProblems(
      vaultEnv({ VAULT_TOKEN: 'wrong-token-0000', VAULT_SECRETS_PATH: 'app' }),
    );
    expect(problems).toEqual([
      'Secret source vault failed: VAULT_SECRETS_PATH: permission denied reading secret/report-worker/test/app (HTTP 403): ' +
        'check VAULT_TOKEN and its policy',
    ]);
    expect(problems.join()).not.toMatch(/wrong-token-0000|e2e-vault-token-5e2a/);
  });

  it('names a missing path and a missing key', async () => {
    const problems = await startUpProblems(
      vaultEnv({
        SMTP_PASSWORD: 'vault://nowhere#password',
        SENDGRID_API_KEY: 'vault://smtp#api_key',
      }),
    );
    expect(problems).toEqual([
      'Secret source vault failed: ' +
        'SENDGRID_API_KEY: secret/report-worker/test/smtp has no key api_key; ' +
        'SMTP_PASSWORD: secret/report-worker/test/nowhere does not exist or its latest version is deleted (HTTP 404)',
    ]);
  });
});

describe('secrets from the MongoDB secrets collection (the real MongoDB-wire server)', () => {
  const suite = new SuiteEnvironment('secrets-mongodb');
  let client: MongoClient;

  beforeAll(async () => {
    client = await new MongoClient(suite.mongoUri).connect();
    await client
      .db(suite.dbName)
      .collection('worker_secrets')
      .insertMany([
        { name: 'SENDGRID_API_KEY', environment: 'staging', value: 'SG.mongo-staging-e2e' },
        { name: 'SENDGRID_API_KEY', environment: 'production', value: 'SG.mongo-production-e2e' },
        {
          name: 'SIGNING_SECRET',
          environment: 'staging',
          value: 'mongo-signing-secret-e2e-0123456789abcdef',
        },
      ]);
  });
  afterAll(async () => {
    await client?.db(suite.dbName).dropDatabase();
    await client?.close();
  });

  it("reads the documents of APP_ENV's environment only", async () => {
    const env = suite.env({
      SECRETS_MONGODB_DB: suite.dbName,
      SECRETS_COLLECTION: 'worker_secrets',
      EMAIL_TRANSPORT: 'sendgrid',
      // Only the collection may provide the signing secret here.
      SIGNING_SECRET: undefined,
      RUNS_API_ENABLED: 'false',
    });
    const staging = await resolveConfig({ ...env, APP_ENV: 'staging' });
    expect(staging.email.sendgridApiKey).toBe('SG.mongo-staging-e2e');
    expect(staging.downloadLinks.signingSecret).toBe('mongo-signing-secret-e2e-0123456789abcdef');

    const production = await resolveConfig({ ...env, APP_ENV: 'production' });
    expect(production.email.sendgridApiKey).toBe('SG.mongo-production-e2e');
    expect(production.downloadLinks.signingSecret).toBeUndefined();
  });

  it('refuses to start when its secrets database cannot be reached, naming mongodb', async () => {
    const problems = await startUpProblems(
      suite.env({
        SECRETS_MONGODB_URI: `mongodb://127.0.0.1:${await freePort()}/?directConnection=true`,
        SECRETS_MONGODB_DB: suite.dbName,
        APP_ENV: 'staging',
        SECRET_SOURCE_TIMEOUT_MS: '500',
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^Secret source mongodb failed: .*\.secrets cannot be read \(/),
    ]);
  });
});

describe('secret values never reach the logs, errors or events of the running worker', () => {
  const suite = new SuiteEnvironment('secrets-redaction');
  const smtpPassword = 'smtp-pass-e2e-7f3a';
  const sendgridKey = 'SG.e2e-sendgrid-91b2';
  const lines: string[] = [];
  let vault: RunningVault;
  let config: AppConfig;
  let app: INestApplication;

  beforeAll(async () => {
    vault = await startVault('e2e-vault-token-77c1', {
      'secret/report-worker/app': { SMTP_PASSWORD: smtpPassword, SENDGRID_API_KEY: sendgridKey },
    });
    config = await resolveConfig(
      suite.env({
        VAULT_ADDR: vault.address,
        VAULT_TOKEN: vault.token,
        VAULT_SECRETS_PATH: 'report-worker/app',
        EMAIL_TRANSPORT: 'smtp',
        SMTP_USER: 'reports@acme.test',
        SECRETS_REFRESH_INTERVAL_MS: '1000',
        // An optional source that fails: its warning is logged when the modules start.
        SECRETS_MONGODB_URI: `mongodb://127.0.0.1:${await freePort()}/?directConnection=true`,
        SECRETS_MONGODB_DB: 'unreachable',
        APP_ENV: 'test',
        SECRET_SOURCES_OPTIONAL: 'mongodb',
        SECRET_SOURCE_TIMEOUT_MS: '500',
        LOG_LEVEL: 'debug',
      }),
    );
    const logger = new StructuredLogger({
      format: 'json',
      level: 'debug',
      write: (line) => lines.push(line),
    });
    // What main.ts does through createLogger.
    logger.setRedactor(config.secrets.redactor.redact);
    // Imported here so the source suites above do not depend on the whole app.
    const { createApp } = await import('../apps/report-worker/src/bootstrap.js');
    app = await createApp(config, logger);
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    await vault?.stop();
  });

  it('masks secrets in log lines and logged errors, inside longer text too', () => {
    const log = new Logger('SmtpMailer');
    log.error(new Error(`535 authentication failed for reports@acme.test:${smtpPassword}`));
    log.log({
      message: 'sending',
      transport: `smtp://reports:${encodeURIComponent(smtpPassword)}@mail`,
    });
    log.warn(`SendGrid answered 401 for key ${sendgridKey}xyz`);

    const output = lines.join('\n');
    expect(output).toContain('535 authentication failed for reports@acme.test:[redacted]');
    expect(output).toContain('smtp://reports:[redacted]@mail');
    expect(output).toContain('401 for key [redacted]xyz');
    for (const secret of [smtpPassword, sendgridKey, vault.token])
      expect(output).not.toContain(secret);
  });

  it('logs the failure of an optional source at start-up, without values', () => {
    const warning = lines.find((line) => line.includes('Secret source mongodb failed'));
    expect(JSON.parse(warning!)).toMatchObject({ severity: 'WARNING', context: 'Secrets' });
  });

  it('redacts errors and payloads before they go into a failure event', () => {
    const redactor = app.get(SecretRedactor);
    const failure = new Error(`SMTP login with ${smtpPassword} refused`);
    const event = redactor.redactDeep({
      type: 'report.failed',
      runId: 'run-1',
      reason: failure.message,
      error: redactError(failure, redactor),
    });
    expect(event.reason).toBe('SMTP login with [redacted] refused');
    expect(event.error.stack).not.toContain(smtpPassword);
    expect(JSON.stringify(event)).not.toContain(smtpPassword);
    expect(failure.message).toContain(smtpPassword);
  });

  it('applies a rotated secret through SecretsRefresher.onChange and masks the new value too', async () => {
    const changes: string[] = [];
    app.get(SecretsRefresher).onChange('SENDGRID_API_KEY', ({ value }) => void changes.push(value));
    const rotated = 'SG.e2e-rotated-5d6e';
    vault.secrets.set('secret/report-worker/app', {
      SMTP_PASSWORD: smtpPassword,
      SENDGRID_API_KEY: rotated,
    });

    await expect.poll(() => changes, { timeout: 10_000, interval: 200 }).toEqual([rotated]);
    expect(config.secrets.get('SENDGRID_API_KEY')).toBe(rotated);
    new Logger('SendGridMailer').log(`now using ${rotated}`);
    expect(lines.at(-1)).toContain('now using [redacted]');
  });
});
