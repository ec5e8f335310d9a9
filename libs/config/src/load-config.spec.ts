import { describe, expect, it } from 'vitest';
import { ConfigValidationError } from './config-validation.error.js';
import { loadConfig } from './load-config.js';

const valid = {
  GOOGLE_CLOUD_PROJECT: 'acme-reports',
  MONGODB_URI: 'mongodb://db.internal:27017',
  // The runs API is off: its required secrets are tested on their own.
  RUNS_API_ENABLED: 'false',
  REPORT_SENDER_EMAIL: 'reports@acme.example',
};

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('applies the documented defaults to a minimal environment', () => {
    const config = loadConfig(valid);
    expect(config).toMatchObject({
      port: 8080,
      environment: 'development',
      pubsub: { projectId: 'acme-reports', emulatorHost: undefined },
      mongodb: { uri: 'mongodb://db.internal:27017', dbName: 'report_worker' },
      log: { level: 'info', format: 'pretty' },
      shutdownGraceMs: 8000,
      healthCheckTimeoutMs: 1500,
    });
  });

  it('reads every variable it documents', () => {
    const config = loadConfig({
      PORT: '9090',
      GOOGLE_CLOUD_PROJECT: 'p1',
      PUBSUB_EMULATOR_HOST: 'localhost:8085',
      MONGODB_URI: 'mongodb+srv://cluster0.example.net',
      MONGODB_DB: 'reports',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'json',
      SHUTDOWN_GRACE_MS: '2500',
      HEALTH_CHECK_TIMEOUT_MS: '300',
      API_TOKENS: 'token-a, token-b',
      SIGNING_SECRET: 'x'.repeat(32),
      PUBSUB_PULL_ENABLED: 'false',
      PUBSUB_SUBSCRIPTION: 'requests-sub',
      PUBSUB_TOPIC: 'requests',
      PUBSUB_DEAD_LETTER_TOPIC: 'requests-dlq',
      PUBSUB_MAX_MESSAGES: '2',
      PUBSUB_MAX_DELIVERY_ATTEMPTS: '7',
      PUBSUB_AUTO_CREATE: 'false',
      PUSH_ENABLED: 'true',
      PUSH_PATH: '/push',
      PUSH_AUDIENCE: 'https://worker.example.net/push',
      PUSH_SERVICE_ACCOUNTS: 'a@p.iam.gserviceaccount.com,b@p.iam.gserviceaccount.com',
      PUSH_JWKS_URL: 'http://127.0.0.1:1/certs',
      REPORT_RESULTS_TOPIC: 'results',
      REPORT_MAX_ROWS: '1000',
      REPORT_PDF_MAX_ROWS: '500',
      REPORT_MAX_OUTPUT_BYTES: '2048',
      REPORT_RENDER_TIMEOUT_MS: '5000',
      REPORT_RUN_LEASE_MS: '4000',
      REPORT_RETENTION_DAYS: '3',
      REPORT_RETENTION_SWEEP_INTERVAL_MS: '0',
      REPORT_LOCALE: 'de-DE',
      REPORT_TIME_ZONE: 'Europe/Berlin',
      REPORT_CURRENCY: 'CHF',
      REPORT_CSV_BOM: 'true',
      PUBLIC_BASE_URL: 'https://reports.example.net/api',
      DOWNLOAD_LINK_TTL_MS: '3600000',
    });
    expect(config).toMatchObject({
      port: 9090,
      pubsub: {
        projectId: 'p1',
        emulatorHost: 'localhost:8085',
        pullEnabled: false,
        subscription: 'requests-sub',
        topic: 'requests',
        deadLetterTopic: 'requests-dlq',
        maxMessages: 2,
        maxDeliveryAttempts: 7,
        autoCreate: false,
      },
      mongodb: { uri: 'mongodb+srv://cluster0.example.net', dbName: 'reports' },
      log: { level: 'debug', format: 'json' },
      shutdownGraceMs: 2500,
      healthCheckTimeoutMs: 300,
      runsApi: { enabled: true, tokens: ['token-a', 'token-b'] },
      push: {
        enabled: true,
        path: '/push',
        audience: 'https://worker.example.net/push',
        authDisabled: false,
        serviceAccounts: ['a@p.iam.gserviceaccount.com', 'b@p.iam.gserviceaccount.com'],
        jwksUrl: 'http://127.0.0.1:1/certs',
      },
      reports: {
        resultsTopic: 'results',
        maxRows: 1000,
        pdfMaxRows: 500,
        maxOutputBytes: 2048,
        renderTimeoutMs: 5000,
        runLeaseMs: 4000,
        retentionDays: 3,
        retentionSweepIntervalMs: 0,
        locale: 'de-DE',
        timeZone: 'Europe/Berlin',
        currency: 'CHF',
        csvBom: true,
      },
      downloadLinks: { baseUrl: 'https://reports.example.net/api', ttlMs: 3_600_000 },
    });
  });

  it('requires API_TOKENS and SIGNING_SECRET while the runs API is on (the default)', () => {
    const runsApiOn = {
      GOOGLE_CLOUD_PROJECT: valid.GOOGLE_CLOUD_PROJECT,
      MONGODB_URI: valid.MONGODB_URI,
    };
    expect(problemsOf(runsApiOn).map((problem) => problem.split(' is required')[0])).toEqual([
      'API_TOKENS',
      'SIGNING_SECRET',
    ]);
  });

  it('requires PUSH_AUDIENCE when the push endpoint verifies tokens', () => {
    expect(problemsOf({ ...valid, PUSH_ENABLED: 'true' })).toEqual([
      'PUSH_AUDIENCE is required when PUSH_ENABLED=true: the audience set on the push subscription (usually the endpoint URL)',
    ]);
    expect(
      loadConfig({ ...valid, PUSH_ENABLED: 'true', PUSH_AUTH_DISABLED: 'true' }).push.authDisabled,
    ).toBe(true);
  });

  it('logs JSON in production unless told otherwise', () => {
    expect(loadConfig({ ...valid, NODE_ENV: 'production' }).log.format).toBe('json');
    expect(loadConfig({ ...valid, NODE_ENV: 'production', LOG_FORMAT: 'pretty' }).log.format).toBe(
      'pretty',
    );
  });

  it('needs no project id with the emulator', () => {
    const config = loadConfig({
      MONGODB_URI: valid.MONGODB_URI,
      PUBSUB_EMULATOR_HOST: '127.0.0.1:8085',
      RUNS_API_ENABLED: 'false',
    });
    expect(config.pubsub.projectId).toBe('report-worker-local');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ ...valid, PORT: '', LOG_LEVEL: '' })).toMatchObject({
      port: 8080,
      log: { level: 'info' },
    });
  });

  it('names every problem at once: a missing MONGODB_URI and PORT=abc', () => {
    const problems = problemsOf({
      GOOGLE_CLOUD_PROJECT: 'p',
      PORT: 'abc',
      RUNS_API_ENABLED: 'false',
    });
    expect(problems).toEqual([
      'PORT must be a whole number between 0 and 65535, got "abc"',
      'MONGODB_URI is required: a MongoDB connection string such as mongodb://localhost:27017',
    ]);
  });

  it.each([
    [{ PORT: '70000' }, 'PORT must be a whole number between 0 and 65535, got "70000"'],
    [{ PORT: '80.5' }, 'PORT must be a whole number between 0 and 65535, got "80.5"'],
    [
      { MONGODB_URI: 'postgres://x' },
      'MONGODB_URI must be a connection string starting with mongodb:// or mongodb+srv://',
    ],
    [
      { MONGODB_DB: 'a.b' },
      'MONGODB_DB must be a database name of at most 63 characters without / \\ . space " or $, got "a.b"',
    ],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of debug, info, warn, error, got "loud"'],
    [{ LOG_FORMAT: 'xml' }, 'LOG_FORMAT must be one of json, pretty, got "xml"'],
    [
      { SHUTDOWN_GRACE_MS: '-1' },
      'SHUTDOWN_GRACE_MS must be a whole number between 0 and 600000, got "-1"',
    ],
    [
      { PUBSUB_EMULATOR_HOST: 'http://x' },
      'PUBSUB_EMULATOR_HOST must be host:port, e.g. localhost:8085, got "http://x"',
    ],
    [{ EMAIL_TRANSPORT: 'ses' }, 'EMAIL_TRANSPORT must be one of smtp, sendgrid, got "ses"'],
    [{ RUNS_API_ENABLED: 'maybe' }, 'RUNS_API_ENABLED must be true or false, got "maybe"'],
    [{ SMTP_URI: 'http://user:pw@mail' }, 'SMTP_URI must start with smtp:// or smtps://'],
    [
      { API_TOKENS: ' , ' },
      'API_TOKENS must hold at least one token (tokens are separated by commas)',
    ],
  ])('refuses %o with a plain message', (override, message) => {
    expect(problemsOf({ ...valid, ...override })).toEqual([message]);
  });

  it('requires a project id outside the emulator', () => {
    expect(problemsOf({ MONGODB_URI: valid.MONGODB_URI, RUNS_API_ENABLED: 'false' })).toEqual([
      'GOOGLE_CLOUD_PROJECT is required unless PUBSUB_EMULATOR_HOST is set: the Google Cloud project id',
    ]);
  });

  it('reads the e-mail, runs API, download link and push variables', () => {
    const config = loadConfig({
      ...valid,
      EMAIL_TRANSPORT: 'smtp',
      SMTP_URI: 'smtps://mail.example.net:465',
      SMTP_USER: 'reports@example.net',
      SMTP_PASSWORD: 'smtp-secret',
      SENDGRID_API_KEY: 'SG.key',
      RUNS_API_ENABLED: 'true',
      API_TOKENS: 'token-a, token-b,',
      SIGNING_SECRET: 'x'.repeat(32),
      PUSH_AUDIENCE: 'https://worker.example.net/',
    });
    expect(config).toMatchObject({
      email: {
        transport: 'smtp',
        smtp: {
          uri: 'smtps://mail.example.net:465',
          user: 'reports@example.net',
          password: 'smtp-secret',
        },
        sendgridApiKey: 'SG.key',
      },
      runsApi: { enabled: true, tokens: ['token-a', 'token-b'] },
      downloadLinks: { signingSecret: 'x'.repeat(32) },
      push: { audience: 'https://worker.example.net/' },
    });
  });

  it('refuses to start without a secret it needs, and never quotes a secret', () => {
    expect(
      problemsOf({
        ...valid,
        EMAIL_TRANSPORT: 'smtp',
        SMTP_HOST: 'smtp.acme.test',
        SMTP_USER: 'u',
        SIGNING_SECRET: 'short-signing',
      }),
    ).toEqual([
      'SMTP_PASSWORD is required when EMAIL_TRANSPORT=smtp and SMTP_USER is set: password of SMTP_USER on the SMTP server; no secret source has it (tried: env)',
      'SIGNING_SECRET must be at least 32 characters long',
    ]);
  });

  it('needs an SMTP server with EMAIL_TRANSPORT=smtp', () => {
    expect(problemsOf({ ...valid, EMAIL_TRANSPORT: 'smtp' })).toEqual([
      'SMTP_HOST (or SMTP_URI) is required when EMAIL_TRANSPORT=smtp',
    ]);
  });

  it('returns a frozen object', () => {
    const config = loadConfig(valid);
    expect(Object.isFrozen(config)).toBe(true);
  });
});
