var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var DailyPnlJob_1;
import { AppConfig } from "../../../../libs/config/src/index.js";
import { TradingDataRepository } from "../../../../libs/persistence/src/index.js";
import { Injectable, Logger } from '@nestjs/common';
import { todayIn, toCompactDate } from './domain/periods.js';
import { dailyPnl } from './domain/pnl.js';
/**
 * The daily job: each follower's P&L for one day (default: today where the
 * market closes), the sum of `pnl_realized + pnl_mtm` over that follower's
 * positions, written to `daily_pnl`. Upserts by (follower, date), so a rerun
 * or a redelivery gives the same documents.
 */
let DailyPnlJob = DailyPnlJob_1 = class DailyPnlJob {
    config;
    data;
    logger = new Logger(DailyPnlJob_1.name);
    constructor(config, data) {
        this.config = config;
        this.data = data;
    }
    async run(date = todayIn(this.config.jobs.marketTimeZone, new Date())) {
        const compact = toCompactDate(date);
        const calculatedAt = new Date();
        let followers = 0;
        let positions = 0;
        // Positions arrive sorted by follower: one follower's are summed, written, released.
        let current;
        const flush = async () => {
            if (!current)
                return;
            const { totalPnl, positionCount } = dailyPnl(current.positions);
            await this.data.upsertDailyPnl({ followerId: current.followerId, date: compact, totalPnl: totalPnl.toFixed(), positionCount, calculatedAt });
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
};
DailyPnlJob = DailyPnlJob_1 = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [AppConfig,
        TradingDataRepository])
], DailyPnlJob);
export { DailyPnlJob };
//# sourceMappingURL=daily-pnl.job.js.map