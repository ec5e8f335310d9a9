var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { AppConfig } from "../../../../libs/config/src/index.js";
import { PersistenceModule, ReportSentRepository } from "../../../../libs/persistence/src/index.js";
import { PubSubClient } from "../../../../libs/pubsub-transport/src/index.js";
import { Inject, Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module.js';
import { DailyPnlJob } from './daily-pnl.job.js';
import { FollowerReportService } from './follower-report.service.js';
import { JobsController } from './jobs.controller.js';
import { mailerProvider } from './mailer.provider.js';
import { MonthlyReportsJob, TASKS_CLIENT } from './monthly-reports.job.js';
/** Daily P&L and monthly follower reports: the old worker's jobs. */
let JobsModule = class JobsModule {
    sent;
    tasks;
    constructor(sent, tasks) {
        this.sent = sent;
        this.tasks = tasks;
    }
    async onApplicationBootstrap() {
        await this.sent.ensureIndexes();
    }
    async onApplicationShutdown() {
        await this.tasks.close();
    }
};
JobsModule = __decorate([
    Module({
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
                useFactory: (config) => new PubSubClient({
                    projectId: config.pubsub.projectId,
                    emulatorHost: config.pubsub.emulatorHost,
                    topic: config.pubsub.topic,
                    autoCreate: config.pubsub.autoCreate,
                }),
            },
        ],
    }),
    __param(1, Inject(TASKS_CLIENT)),
    __metadata("design:paramtypes", [ReportSentRepository,
        PubSubClient])
], JobsModule);
export { JobsModule };
//# sourceMappingURL=jobs.module.js.map