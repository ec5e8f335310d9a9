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
import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
let ReportSentRepository = class ReportSentRepository {
    connection;
    constructor(connection) {
        this.connection = connection;
    }
    get collection() {
        return this.connection.db.collection('report_sent');
    }
    /** The unique index that makes (follower, period) one record. */
    async ensureIndexes() {
        await this.collection.createIndex({ follower_id: 1, report_period: 1 }, { unique: true });
    }
    async find(followerId, period) {
        return this.collection.findOne({ follower_id: followerId, report_period: period });
    }
    /** Moves the record to `status` with the given fields, creating it (pending) when absent. */
    async transition(followerId, period, status, fields = {}, options = {}) {
        await this.collection.updateOne({ follower_id: followerId, report_period: period }, {
            $set: { ...fields, status, updated_at: new Date() },
            ...(options.countAttempt ? { $inc: { attempts: 1 } } : {}),
            $setOnInsert: { follower_id: followerId, report_period: period, ...(options.countAttempt ? {} : { attempts: 0 }) },
        }, { upsert: true });
    }
};
ReportSentRepository = __decorate([
    Injectable(),
    __param(0, InjectConnection()),
    __metadata("design:paramtypes", [Function])
], ReportSentRepository);
export { ReportSentRepository };
//# sourceMappingURL=report-sent.repository.js.map