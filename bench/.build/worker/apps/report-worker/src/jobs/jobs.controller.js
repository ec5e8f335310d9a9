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
import { PubSubContext } from "../../../../libs/pubsub-transport/src/index.js";
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DailyPnlJob } from './daily-pnl.job.js';
import { FollowerReportService } from './follower-report.service.js';
import { parseJobRequest } from './job-request.js';
import { FOLLOWER_REPORT, MonthlyReportsJob } from './monthly-reports.job.js';
/** The old worker's messages carry no pattern: push and pull both route them here by default. */
export const LEGACY_JOB = 'legacy.job';
/**
 * The old worker's jobs: `{"job_type": ...}` messages (pushed to `POST /` or
 * pulled), and the same jobs as patterns `pnl.daily` and `report.monthly`.
 */
let JobsController = class JobsController {
    daily;
    monthly;
    followerReports;
    constructor(daily, monthly, followerReports) {
        this.daily = daily;
        this.monthly = monthly;
        this.followerReports = followerReports;
    }
    async legacy(payload, context) {
        await this.run(parseJobRequest(payload), context);
    }
    async pnlDaily(payload, context) {
        await this.run(parseJobRequest(payload, 'daily'), context);
    }
    async reportMonthly(payload, context) {
        await this.run(parseJobRequest(payload, 'monthly'), context);
    }
    async followerReport(payload, context) {
        await this.followerReports.handle(payload, context);
    }
    async run(job, context) {
        if (job.kind === 'daily')
            await this.daily.run(job.date);
        else
            await this.monthly.run(job, context.getMessageId());
    }
};
__decorate([
    EventPattern(LEGACY_JOB),
    __param(0, Payload()),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, PubSubContext]),
    __metadata("design:returntype", Promise)
], JobsController.prototype, "legacy", null);
__decorate([
    EventPattern('pnl.daily'),
    __param(0, Payload()),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, PubSubContext]),
    __metadata("design:returntype", Promise)
], JobsController.prototype, "pnlDaily", null);
__decorate([
    EventPattern('report.monthly'),
    __param(0, Payload()),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, PubSubContext]),
    __metadata("design:returntype", Promise)
], JobsController.prototype, "reportMonthly", null);
__decorate([
    EventPattern(FOLLOWER_REPORT),
    __param(0, Payload()),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, PubSubContext]),
    __metadata("design:returntype", Promise)
], JobsController.prototype, "followerReport", null);
JobsController = __decorate([
    Controller(),
    __metadata("design:paramtypes", [DailyPnlJob,
        MonthlyReportsJob,
        FollowerReportService])
], JobsController);
export { JobsController };
//# sourceMappingURL=jobs.controller.js.map