import { AppConfig } from '@lib/config';
import { type PositionRecord, TradingDataRepository } from '@lib/persistence';
import { Injectable, Logger } from '@nestjs/common';
import { todayIn, toCompactDate } from './domain/periods.js';
import { dailyPnl } from './domain/pnl.js';

export interface DailyPnlSummary {
  date: string;
  followers: number;
  positions: number;
}

/**
 * The daily job: each follower's P&L for one day (default: today where the
 * market closes), the sum of `pnl_realized + pnl_mtm` over that follower's
 * positions, written to `daily_pnl`. Upserts by (follower, date), so a rerun
 * or a redelivery gives the same documents.
 */
@Injectable()
export class DailyPnlJob {
  private readonly logger = new Logger(DailyPnlJob.name);

  constructor(
    private readonly config: AppConfig,
    private readonly data: TradingDataRepository,
  ) {}

  async run(date = todayIn(this.config.jobs.marketTimeZone, new Date())): Promise<DailyPnlSummary> {
    const compact = toCompactDate(date);
    const calculatedAt = new Date();
    let followers = 0;
    let positions = 0;
    // Positions arrive sorted by follower: one follower's are summed, written, released.
    let current: { followerId: unknown; positions: PositionRecord[] } | undefined;
    const flush = async () => {
      if (!current) return;
      const { totalPnl, positionCount } = dailyPnl(current.positions);
      await this.data.upsertDailyPnl({
        followerId: current.followerId,
        date: compact,
        totalPnl: totalPnl.toFixed(),
        positionCount,
        calculatedAt,
      });
      followers++;
      positions += positionCount;
    };
    for await (const position of this.data.positionsOn(compact)) {
      if (!current || String(current.followerId) !== String(position.follower_id)) {
        await flush();
        current = { followerId: position.follower_id, positions: [] };
      }
      current.positions.push(position);
    }
    await flush();
    this.logger.log({ message: 'daily P&L written', date, followers, positions });
    return { date, followers, positions };
  }
}
