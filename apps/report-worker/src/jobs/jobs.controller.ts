import { PubSubContext } from '@lib/pubsub-transport';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DailyPnlJob } from './daily-pnl.job.js';
import { FollowerReportService } from './follower-report.service.js';
import { type JobRequest, parseJobRequest } from './job-request.js';
import { FOLLOWER_REPORT, MonthlyReportsJob } from './monthly-reports.job.js';

/** The old worker's messages carry no pattern: push and pull both route them here by default. */
export const LEGACY_JOB = 'legacy.job';

/**
 * The old worker's jobs: `{"job_type": ...}` messages (pushed to `POST /` or
 * pulled), and the same jobs as patterns `pnl.daily` and `report.monthly`.
 */
@Controller()
export class JobsController {
  constructor(
    private readonly daily: DailyPnlJob,
    private readonly monthly: MonthlyReportsJob,
    private readonly followerReports: FollowerReportService,
  ) {}

  @EventPattern<string>(LEGACY_JOB)
  async legacy(@Payload() payload: unknown, @Ctx() context: PubSubContext): Promise<void> {
    await this.run(parseJobRequest(payload), context);
  }

  @EventPattern<string>('pnl.daily')
  async pnlDaily(@Payload() payload: unknown, @Ctx() context: PubSubContext): Promise<void> {
    await this.run(parseJobRequest(payload, 'daily'), context);
  }

  @EventPattern<string>('report.monthly')
  async reportMonthly(@Payload() payload: unknown, @Ctx() context: PubSubContext): Promise<void> {
    await this.run(parseJobRequest(payload, 'monthly'), context);
  }

  @EventPattern<string>(FOLLOWER_REPORT)
  async followerReport(@Payload() payload: unknown, @Ctx() context: PubSubContext): Promise<void> {
    await this.followerReports.handle(payload, context);
  }

  private async run(job: JobRequest, context: PubSubContext): Promise<void> {
    if (job.kind === 'daily') await this.daily.run(job.date);
    else await this.monthly.run(job, context.getMessageId());
  }
}
