import { AppConfig } from '@lib/config';
import { ReportFileStorage } from '@lib/persistence';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';

/**
 * Removes report files past their retention, periodically. (A TTL index
 * would do it in MongoDB itself, but GridFS keeps a file in two collections,
 * and FerretDB, used in tests, has no TTL indexes.)
 */
@Injectable()
export class RetentionSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RetentionSweeper.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly config: AppConfig,
    private readonly storage: ReportFileStorage,
  ) {}

  onApplicationBootstrap(): void {
    const everyMs = this.config.reports.retentionSweepIntervalMs;
    if (everyMs > 0) {
      this.timer = setInterval(() => void this.sweep(), everyMs);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async sweep(now = new Date()): Promise<number> {
    try {
      const removed = await this.storage.deleteExpired(now);
      if (removed > 0) this.logger.log({ message: 'expired report files removed', count: removed });
      return removed;
    } catch (error) {
      this.logger.warn({
        message: 'retention sweep failed; will try again',
        error: (error as Error).message,
      });
      return 0;
    }
  }
}
