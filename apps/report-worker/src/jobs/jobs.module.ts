import { AppConfig } from '@lib/config';
import { PersistenceModule, ReportSentRepository } from '@lib/persistence';
import { PubSubClient } from '@lib/pubsub-transport';
import {
  Inject,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module.js';
import { DailyPnlJob } from './daily-pnl.job.js';
import { FollowerReportService } from './follower-report.service.js';
import { JobsController } from './jobs.controller.js';
import { mailerProvider } from './mailer.provider.js';
import { MonthlyReportsJob, TASKS_CLIENT } from './monthly-reports.job.js';

/** Daily P&L and monthly follower reports: the old worker's jobs. */
@Module({
  imports: [PersistenceModule, ReportsModule],
  controllers: [JobsController],
  providers: [
    DailyPnlJob,
    MonthlyReportsJob,
    FollowerReportService,
    mailerProvider,
    {
      provide: TASKS_CLIENT,
      inject: [AppConfig],
      // Follower tasks go to the requests topic, where this worker (pulling or pushed to) takes them.
      useFactory: (config: AppConfig) =>
        new PubSubClient({
          projectId: config.pubsub.projectId,
          emulatorHost: config.pubsub.emulatorHost,
          topic: config.pubsub.topic,
          autoCreate: config.pubsub.autoCreate,
        }),
    },
  ],
})
export class JobsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly sent: ReportSentRepository,
    @Inject(TASKS_CLIENT) private readonly tasks: PubSubClient,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.sent.ensureIndexes();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.tasks.close();
  }
}
