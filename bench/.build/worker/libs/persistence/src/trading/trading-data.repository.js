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
import { Inject, Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { ObjectId } from 'mongodb';
import { MoneyCodec } from './money-codec.js';
/**
 * The platform's existing collections, with their existing field names:
 * `positions`, `followers` and `daily_pnl`. Read through the driver, as
 * they are, without a schema that could reject an old document.
 */
let TradingDataRepository = class TradingDataRepository {
    connection;
    money;
    constructor(connection, money) {
        this.connection = connection;
        this.money = money;
    }
    collection(name) {
        return this.connection.db.collection(name);
    }
    /** A day's positions, a follower's together (sorted by follower), streamed. */
    positionsOn(compactDate) {
        return this.collection('positions').find({ date: compactDate }).sort({ follower_id: 1 }).batchSize(1_000);
    }
    async positionsOfFollower(followerId, fromCompact, toCompact) {
        return this.collection('positions')
            .find({ follower_id: { $in: idForms(followerId) }, date: { $gte: fromCompact, $lte: toCompact } })
            .toArray();
    }
    /** Writes a day's P&L for a follower; running it again gives the same document. */
    async upsertDailyPnl(record) {
        await this.collection('daily_pnl').updateOne({ follower_id: record.followerId, date: record.date }, {
            $set: {
                total_pnl: this.money.encode(record.totalPnl),
                position_count: record.positionCount,
                calculated_at: record.calculatedAt,
            },
        }, { upsert: true });
    }
    async dailyPnlOfFollower(followerId, fromCompact, toCompact) {
        return this.collection('daily_pnl')
            .find({ follower_id: { $in: idForms(followerId) }, date: { $gte: fromCompact, $lte: toCompact } })
            .sort({ date: 1 })
            .toArray();
    }
    /** Enabled followers (or just the given ids among them). */
    async enabledFollowers(ids) {
        const filter = { enabled: true };
        if (ids)
            filter._id = { $in: ids.flatMap(idForms) };
        return this.collection('followers').find(filter).sort({ _id: 1 }).toArray();
    }
    async follower(id) {
        return this.collection('followers').findOne({ _id: { $in: idForms(id) } });
    }
};
TradingDataRepository = __decorate([
    Injectable(),
    __param(0, InjectConnection()),
    __param(1, Inject(MoneyCodec)),
    __metadata("design:paramtypes", [Function, MoneyCodec])
], TradingDataRepository);
export { TradingDataRepository };
/** Old documents hold ids as ObjectId or as its hex string: match both. */
export function idForms(id) {
    const text = String(id);
    return ObjectId.isValid(text) && /^[0-9a-f]{24}$/i.test(text) ? [text, new ObjectId(text)] : [text];
}
//# sourceMappingURL=trading-data.repository.js.map