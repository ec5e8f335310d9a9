import type { EmailTransport, LogFormat, LogLevel } from './environment.schema.js';
import type { Secrets } from './secrets/secrets.js';

/**
 * The worker's validated configuration. It is also the injection token: a
 * class (not an interface) so that `constructor(private config: AppConfig)`
 * works without `@Inject`.
 */
export class AppConfig {
  /** HTTP port for health, push and the API. */
  readonly port: number;
  readonly environment: 'production' | 'development' | 'test';
  readonly pubsub: {
    readonly projectId: string;
    /** host:port of the Pub/Sub emulator; when set no credentials are used. */
    readonly emulatorHost?: string;
    /** Pull from `subscription`; off for a push-only deployment. */
    readonly pullEnabled: boolean;
    readonly subscription: string;
    /** The requests topic; `autoCreate` creates the subscription on it. */
    readonly topic: string;
    /** Where permanent failures go, with the reason. */
    readonly deadLetterTopic: string;
    readonly maxMessages: number;
    readonly maxDeliveryAttempts: number;
    /** Create missing topics and subscriptions at start-up. */
    readonly autoCreate: boolean;
  };
  readonly mongodb: {
    readonly uri: string;
    readonly dbName: string;
  };
  readonly log: {
    readonly level: LogLevel;
    readonly format: LogFormat;
  };
  /** How long shutdown waits for in-flight work before giving it back, in ms. */
  readonly shutdownGraceMs: number;
  /** How long a health check waits for a dependency to answer, in ms. */
  readonly healthCheckTimeoutMs: number;
  readonly email: {
    /** Unset until e-mail delivery is configured. */
    readonly transport?: EmailTransport;
    readonly smtp: {
      /** Secret: smtp[s]://user:password@host:port. */
      readonly uri?: string;
      readonly host?: string;
      readonly port?: number;
      readonly secure: boolean;
      readonly requireTls: boolean;
      readonly user?: string;
      /** Secret. */
      readonly password?: string;
    };
    /** Secret. */
    readonly sendgridApiKey?: string;
    readonly sendgridBaseUrl: string;
    readonly sender?: string;
    readonly admin?: string;
    readonly delivery: 'attachments' | 'links';
    readonly dryRun: boolean;
    readonly maxAttempts: number;
  };
  readonly jobs: {
    /** The day of a daily run and the month of a monthly run are taken in this zone. */
    readonly marketTimeZone: string;
    readonly defaultCommissionPercent: number;
    readonly reportTitle: string;
    readonly moneyStorage: 'auto' | 'decimal128' | 'string';
  };
  readonly runsApi: {
    readonly enabled: boolean;
    /** Secret: the accepted bearer tokens. */
    readonly tokens: readonly string[];
  };
  readonly downloadLinks: {
    /** Secret: the HMAC key that signs download links. */
    readonly signingSecret?: string;
    /** Base URL of the API as users reach it; links are made under it. */
    readonly baseUrl: string;
    readonly ttlMs: number;
  };
  readonly push: {
    readonly enabled: boolean;
    readonly path: string;
    /** Audience expected in the OIDC token of push requests. */
    readonly audience?: string;
    readonly authDisabled: boolean;
    readonly serviceAccounts: readonly string[];
    readonly jwksUrl?: string;
  };
  readonly reports: {
    readonly resultsTopic: string;
    readonly maxRows: number;
    readonly pdfMaxRows: number;
    readonly maxOutputBytes: number;
    readonly renderTimeoutMs: number;
    /** How long a run stays claimed without its worker renewing the claim. */
    readonly runLeaseMs: number;
    readonly retentionDays: number;
    readonly retentionSweepIntervalMs: number;
    readonly locale: string;
    readonly timeZone: string;
    readonly currency: string;
    readonly csvBom: boolean;
  };
  /**
   * The loaded secrets: their redactor, where each came from, and the
   * subscription to rotated values (the fields above keep the start-up value).
   */
  readonly secrets: Secrets;

  constructor(values: AppConfig) {
    Object.assign(this, values);
    Object.freeze(this);
  }
}
