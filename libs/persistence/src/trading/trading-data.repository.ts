import { Inject, Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { ObjectId } from 'mongodb';
import type { Connection } from 'mongoose';
import { MoneyCodec } from './money-codec.js';

/** A `followers` document as the old worker stored it. */
export interface FollowerRecord {
  _id: unknown;
  email?: string;
  iban?: string;
  /** 0-100; absent means the default rate. */
  commission_pct?: unknown;
  enabled?: unknown;
  name?: string;
}

/** A `positions` document: amounts may be doubles, strings or Decimal128. */
export interface PositionRecord {
  follower_id: unknown;
  /** `YYYYMMDD`. */
  date: string;
  pnl_realized?: unknown;
  pnl_mtm?: unknown;
}

/** A `daily_pnl` document: one per follower and day (`YYYYMMDD`). */
export interface DailyPnlRecord {
  follower_id: unknown;
  date: string;
  total_pnl: unknown;
  position_count: number;
  calculated_at: Date;
}

/**
 * The platform's existing collections, with their existing field names:
 * `positions`, `followers` and `daily_pnl`. Read through the driver, as
 * they are, without a schema that could reject an old document.
 */
@Injectable()
export class TradingDataRepository {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    @Inject(MoneyCodec) private readonly money: MoneyCodec,
  ) {}

  private collection<T extends object>(name: string) {
    return this.connection.db!.collection<T>(name);
  }

  /** A day's positions, a follower's together (sorted by follower), streamed. */
  positionsOn(compactDate: string): AsyncIterable<PositionRecord> {
    return this.collection<PositionRecord>('positions')
      .find({ date: compactDate })
      .sort({ follower_id: 1 })
      .batchSize(1_000);
  }

  async positionsOfFollower(
    followerId: unknown,
    fromCompact: string,
    toCompact: string,
  ): Promise<PositionRecord[]> {
    return this.collection<PositionRecord>('positions')
      .find({
        follower_id: { $in: idForms(followerId) },
        date: { $gte: fromCompact, $lte: toCompact },
      })
      .toArray();
  }

  /** Writes a day's P&L for a follower; running it again gives the same document. */
  async upsertDailyPnl(record: {
    followerId: unknown;
    date: string;
    totalPnl: string;
    positionCount: number;
    calculatedAt: Date;
  }) {
    await this.collection<DailyPnlRecord>('daily_pnl').updateOne(
      { follower_id: record.followerId, date: record.date },
      {
        $set: {
          total_pnl: this.money.encode(record.totalPnl),
          position_count: record.positionCount,
          calculated_at: record.calculatedAt,
        },
      },
      { upsert: true },
    );
  }

  async dailyPnlOfFollower(
    followerId: unknown,
    fromCompact: string,
    toCompact: string,
  ): Promise<DailyPnlRecord[]> {
    return this.collection<DailyPnlRecord>('daily_pnl')
      .find({
        follower_id: { $in: idForms(followerId) },
        date: { $gte: fromCompact, $lte: toCompact },
      })
      .sort({ date: 1 })
      .toArray();
  }

  /** Enabled followers (or just the given ids among them). */
  async enabledFollowers(ids?: readonly string[]): Promise<FollowerRecord[]> {
    const filter: Record<string, unknown> = { enabled: true };
    if (ids) filter._id = { $in: ids.flatMap(idForms) };
    return this.collection<FollowerRecord>('followers').find(filter).sort({ _id: 1 }).toArray();
  }

  async follower(id: string): Promise<FollowerRecord | null> {
    return this.collection<FollowerRecord>('followers').findOne({
      _id: { $in: idForms(id) },
    } as never);
  }
}

/** Old documents hold ids as ObjectId or as its hex string: match both. */
export function idForms(id: unknown): unknown[] {
  const text = String(id);
  return ObjectId.isValid(text) && /^[0-9a-f]{24}$/i.test(text)
    ? [text, new ObjectId(text)]
    : [text];
}
