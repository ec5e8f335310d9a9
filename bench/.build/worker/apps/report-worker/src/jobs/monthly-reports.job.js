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
var MonthlyReportsJob_1;
import { AppConfig } from "../../../../libs/config/src/index.js";
import { ReportSentRepository, TradingDataRepository } from "../../../../libs/persistence/src/index.js";
import { PubSubClient, PubSubRecord } from "../../../../libs/pubsub-transport/src/index.js";
import { Inject, Injectable, Logger } from '@nestjs/common';
import { lastValueFrom } from 'rxjs';
import { previousMonthIn } from './domain/periods.js';
export const TASKS_CLIENT = Symbol('TASKS_CLIENT');
export const FOLLOWER_REPORT = 'report.monthly.follower';
/**
 * The monthly job fans out: one durable `report.monthly.follower` task per
 * enabled follower, published to the requests topic. The monthly message is
 * acked once every task is published, and a follower whose report fails is
 * retried on its own without touching the others.
 */
let MonthlyReportsJob = MonthlyReportsJob_1 = class MonthlyReportsJob {
    config;
    data;
    sent;
    tasks;
    logger = new Logger(MonthlyReportsJob_1.name);
    constructor(config, data, sent, tasks) {
        this.config = config;
        this.data = data;
        this.sent = sent;
        this.tasks = tasks;
    }
    async run(request, messageId) {
        const period = request.period ?? previousMonthIn(this.config.jobs.marketTimeZone, new Date());
        const followers = await this.data.enabledFollowers(request.followerIds);
        const ids = followers.map((follower) => String(follower._id));
        await Promise.all(ids.map(async (followerId) => {
            const record = await this.sent.find(followerId, period);
            if (!record)
                await this.sent.transition(followerId, period, 'pending');
            const task = {
                follower_id: followerId,
                period,
                ...(request.resend ? { resend: true, resend_key: messageId } : {}),
            };
            await lastValueFrom(this.tasks.emit(FOLLOWER_REPORT, new PubSubRecord(task)), { defaultValue: undefined });
        }));
        this.logger.log({ message: 'monthly reports fanned out', period, followers: ids.length, resend: request.resend });
        return { period, followers: ids };
    }
};
MonthlyReportsJob = MonthlyReportsJob_1 = __decorate([
    Injectable(),
    __param(3, Inject(TASKS_CLIENT)),
    __metadata("design:paramtypes", [AppConfig,
        TradingDataRepository,
        ReportSentRepository,
        PubSubClient])
], MonthlyReportsJob);
export { MonthlyReportsJob };
//# sourceMappingURL=monthly-reports.job.js.map