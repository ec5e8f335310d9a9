var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var RetentionSweeper_1;
import { AppConfig } from "../../../../libs/config/src/index.js";
import { ReportFileStorage } from "../../../../libs/persistence/src/index.js";
import { Injectable, Logger } from '@nestjs/common';
/**
 * Removes report files past their retention, periodically. (A TTL index
 * would do it in MongoDB itself, but GridFS keeps a file in two collections,
 * and FerretDB, used in tests, has no TTL indexes.)
 */
let RetentionSweeper = RetentionSweeper_1 = class RetentionSweeper {
    config;
    storage;
    logger = new Logger(RetentionSweeper_1.name);
    timer;
    constructor(config, storage) {
        this.config = config;
        this.storage = storage;
    }
    onApplicationBootstrap() {
        const everyMs = this.config.reports.retentionSweepIntervalMs;
        if (everyMs > 0) {
            this.timer = setInterval(() => void this.sweep(), everyMs);
            this.timer.unref();
        }
    }
    onModuleDestroy() {
        clearInterval(this.timer);
    }
    async sweep(now = new Date()) {
        try {
            const removed = await this.storage.deleteExpired(now);
            if (removed > 0)
                this.logger.log({ message: 'expired report files removed', count: removed });
            return removed;
        }
        catch (error) {
            this.logger.warn({ message: 'retention sweep failed; will try again', error: error.message });
            return 0;
        }
    }
};
RetentionSweeper = RetentionSweeper_1 = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [AppConfig,
        ReportFileStorage])
], RetentionSweeper);
export { RetentionSweeper };
//# sourceMappingURL=retention.sweeper.js.map