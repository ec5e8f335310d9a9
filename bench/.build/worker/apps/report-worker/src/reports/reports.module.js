var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { AppConfig } from "../../../../libs/config/src/index.js";
import { DownloadLinkSigner } from "../../../../libs/delivery/src/index.js";
import { PersistenceModule } from "../../../../libs/persistence/src/index.js";
import { PubSubClient } from "../../../../libs/pubsub-transport/src/index.js";
import { Module } from '@nestjs/common';
import { RESULTS_CLIENT, ReportEventsPublisher } from './report-events.publisher.js';
import { ReportGenerator } from './report-generator.service.js';
import { ReportRequestResolver } from './report-request.resolver.js';
import { ReportRequestsController } from './report-requests.controller.js';
import { ReportRequestsService } from './report-requests.service.js';
import { RetentionSweeper } from './retention.sweeper.js';
import { RunExecutor } from './run-executor.js';
/** Generic report requests (`report.generate`): runs, rendering, storage and result events. */
let ReportsModule = class ReportsModule {
};
ReportsModule = __decorate([
    Module({
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
                useFactory: (config) => new PubSubClient({
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
                useFactory: (config) => new DownloadLinkSigner(() => config.secrets.get('SIGNING_SECRET') ?? config.downloadLinks.signingSecret ?? '', config.downloadLinks.baseUrl, config.downloadLinks.ttlMs),
            },
        ],
        exports: [DownloadLinkSigner, ReportGenerator, ReportEventsPublisher, RunExecutor],
    })
], ReportsModule);
export { ReportsModule };
//# sourceMappingURL=reports.module.js.map