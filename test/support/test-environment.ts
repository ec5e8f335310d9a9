import { randomBytes } from 'node:crypto';
import { type AppConfig, loadConfig } from '@lib/config';
import { inject } from 'vitest';

/**
 * Names and environment unique to one suite, so suites can run side by side
 * on the shared emulator and database server.
 */
export class SuiteEnvironment {
  /** The runs API token every suite's worker accepts. */
  static readonly apiToken = 'test-api-token';
  readonly id: string;
  readonly projectId = 'report-worker-test';
  readonly emulatorHost = inject('pubsubEmulatorHost');
  readonly mongoUri: string;
  readonly dbName: string;

  constructor(suite: string, options: { mongoUri?: string } = {}) {
    const slug = suite
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 24);
    this.id = `${slug}-${randomBytes(4).toString('hex')}`;
    this.dbName = `test_${this.id.replace(/-/g, '_')}`;
    this.mongoUri = options.mongoUri ?? inject('mongoUri');
  }

  /** A topic or subscription name that no other suite uses. */
  name(base: string): string {
    return `${base}-${this.id}`;
  }

  /** The worker's environment for this suite; `overrides` win. */
  env(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
    return {
      NODE_ENV: 'test',
      PORT: '0',
      GOOGLE_CLOUD_PROJECT: this.projectId,
      PUBSUB_EMULATOR_HOST: this.emulatorHost,
      MONGODB_URI: this.mongoUri,
      MONGODB_DB: this.dbName,
      LOG_LEVEL: 'warn',
      API_TOKENS: SuiteEnvironment.apiToken,
      SIGNING_SECRET: 'test-signing-secret-of-at-least-32-characters',
      PUBSUB_SUBSCRIPTION: this.name('requests-sub'),
      PUBSUB_TOPIC: this.name('requests'),
      PUBSUB_DEAD_LETTER_TOPIC: this.name('requests-dlq'),
      REPORT_RESULTS_TOPIC: this.name('results'),
      // Needed only with EMAIL_TRANSPORT; set so suites that turn e-mail on need not.
      REPORT_SENDER_EMAIL: 'reports@report-worker.test',
      SMTP_HOST: '127.0.0.1',
      LOG_FORMAT: 'json',
      ...overrides,
    };
  }

  config(overrides: Record<string, string | undefined> = {}): AppConfig {
    return loadConfig(this.env(overrides));
  }
}
