import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type SecretChangeListener, type SecretRefreshResult, Secrets } from './secrets.js';

/**
 * Reads the versioned secret sources (Secret Manager, Vault, MongoDB) again
 * every `SECRETS_REFRESH_INTERVAL_MS` and tells subscribers what changed.
 * Also reports, once modules start, the optional sources that failed.
 */
@Injectable()
export class SecretsRefresher implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Secrets');
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly secrets: Secrets) {}

  onModuleInit(): void {
    for (const warning of this.secrets.warnings) this.logger.warn(warning);
    const interval = this.secrets.refreshIntervalMs;
    if (interval === 0) return;
    if (!this.secrets.refreshable) {
      this.logger.log(
        'SECRETS_REFRESH_INTERVAL_MS is set, but no source with versions (gsm, vault, mongodb) is in use: nothing to refresh',
      );
      return;
    }
    this.schedule(interval);
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Calls `listener` with the new value when a refresh finds one for `name`; returns the unsubscribe function. */
  onChange(name: string, listener: SecretChangeListener): () => void {
    return this.secrets.onChange(name, listener);
  }

  /** One refresh now, logged; what the timer runs. */
  async refreshNow(): Promise<SecretRefreshResult> {
    const result = await this.secrets.refresh();
    for (const problem of result.problems) {
      this.logger.warn(`Secrets not refreshed, the current values stay: ${problem}`);
    }
    for (const name of result.changed) {
      this.logger.log({ message: 'secret changed', secret: name });
    }
    for (const error of result.listenerErrors) {
      this.logger.error(
        { message: `applying a changed secret failed: ${error.message}` },
        error.stack,
      );
    }
    return result;
  }

  /** A timeout chain rather than an interval: a slow source never makes refreshes overlap. */
  private schedule(interval: number): void {
    this.timer = setTimeout(() => {
      void this.refreshNow()
        .catch((error: unknown) =>
          this.logger.warn(
            `Secrets refresh failed: ${this.secrets.redactor.redactError(error).message}`,
          ),
        )
        .finally(() => {
          if (!this.stopped) this.schedule(interval);
        });
    }, interval);
    // Never the reason the process stays up.
    this.timer.unref();
  }
}
