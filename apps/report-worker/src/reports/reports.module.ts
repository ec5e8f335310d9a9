import { AppConfig } from '@lib/config';
import { DownloadLinkSigner } from '@lib/delivery';
import { PersistenceModule } from '@lib/persistence';
import { PubSubClient } from '@lib/pubsub-transport';
import { Module } from '@nestjs/common';
import { RESULTS_CLIENT, ReportEventsPublisher } from './report-events.publisher.js';
import { ReportGenerator } from './report-generator.service.js';
import { ReportRequestResolver } from './report-request.resolver.js';
import { ReportRequestsController } from './report-requests.controller.js';
import { ReportRequestsService } from './report-requests.service.js';
import { RetentionSweeper } from './retention.sweeper.js';
import { RunExecutor } from './run-executor.js';

/** Generic report requests (`report.generate`): runs, rendering, storage and result events. */
@Module({
  imports: [PersistenceModule],
  controllers: [ReportRequestsController],
  providers: [
    ReportRequestResolver,
    ReportGenerator,
    ReportEventsPublisher,
    ReportRequestsService,
    RunExecutor,
    RetentionSweeper,
    {
      provide: RESULTS_CLIENT,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new PubSubClient({
          projectId: config.pubsub.projectId,
          emulatorHost: config.pubsub.emulatorHost,
          topic: config.reports.resultsTopic,
          autoCreate: config.pubsub.autoCreate,
        }),
    },
    {
      provide: DownloadLinkSigner,
      inject: [AppConfig],
      // Read at each use, so a rotated signing secret applies without a restart.
      useFactory: (config: AppConfig) =>
        new DownloadLinkSigner(
          () => config.secrets.get('SIGNING_SECRET') ?? config.downloadLinks.signingSecret ?? '',
          config.downloadLinks.baseUrl,
          config.downloadLinks.ttlMs,
        ),
    },
  ],
  exports: [DownloadLinkSigner, ReportGenerator, ReportEventsPublisher, RunExecutor],
})
export class ReportsModule {}
