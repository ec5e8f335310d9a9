import type { LogFormat, LogLevel } from './environment.schema.js';

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

  constructor(values: AppConfig) {
    Object.assign(this, values);
    Object.freeze(this);
  }
}
