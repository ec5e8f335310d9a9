import { AppConfig } from '@lib/config';
import { ReportSentRepository, TradingDataRepository } from '@lib/persistence';
import { PubSubClient, PubSubRecord } from '@lib/pubsub-transport';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { lastValueFrom } from 'rxjs';
import { previousMonthIn } from './domain/periods.js';

export const TASKS_CLIENT = Symbol('TASKS_CLIENT');
export const FOLLOWER_REPORT = 'report.monthly.follower';

/** The body of a `report.monthly.follower` task. */
export interface FollowerReportTask {
  follower_id: string;
  period: string;
  /** Send again even if this period's e-mail went out; `resend_key` keeps one resend one e-mail. */
  resend?: boolean;
  resend_key?: string;
}

/**
 * The monthly job fans out: one durable `report.monthly.follower` task per
 * enabled follower, published to the requests topic. The monthly message is
 * acked once every task is published, and a follower whose report fails is
 * retried on its own without touching the others.
 */
@Injectable()
export class MonthlyReportsJob {
  private readonly logger = new Logger(MonthlyReportsJob.name);

  constructor(
    private readonly config: AppConfig,
    private readonly data: TradingDataRepository,
    private readonly sent: ReportSentRepository,
    @Inject(TASKS_CLIENT) private readonly tasks: PubSubClient,
  ) {}

  async run(
    request: { period?: string; followerIds?: string[]; resend: boolean },
    messageId: string,
  ): Promise<{ period: string; followers: string[] }> {
    const period = request.period ?? previousMonthIn(this.config.jobs.marketTimeZone, new Date());
    const followers = await this.data.enabledFollowers(request.followerIds);
    const ids = followers.map((follower) => String(follower._id));
    await Promise.all(
      ids.map(async (followerId) => {
        await this.sent.recordPending(followerId, period);
        const task: FollowerReportTask = {
          follower_id: followerId,
          period,
          ...(request.resend ? { resend: true, resend_key: messageId } : {}),
        };
        await lastValueFrom(this.tasks.emit(FOLLOWER_REPORT, new PubSubRecord(task)), {
          defaultValue: undefined,
        });
      }),
    );
    this.logger.log({
      message: 'monthly reports fanned out',
      period,
      followers: ids.length,
      resend: request.resend,
    });
    return { period, followers: ids };
  }
}
