import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';

const DUPLICATE_KEY = 11000;

export type ReportSentStatus = 'pending' | 'generated' | 'stored' | 'sent' | 'failed';

/** `report_sent`: what happened to one follower's report of one period; unique per (follower_id, report_period). */
export interface ReportSentRecord {
  follower_id: string;
  /** `YYYY-MM`. */
  report_period: string;
  status: ReportSentStatus;
  attempts: number;
  run_id?: string;
  files?: { format: string; file_id: string; url: string; expires_at: Date }[];
  last_error?: string;
  dry_run?: boolean;
  sent_at?: Date;
  sent_count?: number;
  updated_at: Date;
}

@Injectable()
export class ReportSentRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get collection() {
    return this.connection.db!.collection<ReportSentRecord>('report_sent');
  }

  /** The unique index that makes (follower, period) one record. */
  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ follower_id: 1, report_period: 1 }, { unique: true });
  }

  /**
   * Records the report as pending unless a record exists. Insert-only, so it
   * never overwrites the progress of a report being produced right now.
   */
  async recordPending(followerId: string, period: string): Promise<void> {
    try {
      await this.collection.insertOne({
        follower_id: followerId,
        report_period: period,
        status: 'pending',
        attempts: 0,
        updated_at: new Date(),
      });
    } catch (error) {
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    }
  }

  /** Moves the record to `status` with the given fields, creating it (pending) when absent. */
  async transition(
    followerId: string,
    period: string,
    status: ReportSentStatus,
    fields: Partial<Omit<ReportSentRecord, 'follower_id' | 'report_period' | 'status'>> = {},
    options: { countAttempt?: boolean } = {},
  ): Promise<void> {
    await this.collection.updateOne(
      { follower_id: followerId, report_period: period },
      {
        $set: { ...fields, status, updated_at: new Date() },
        ...(options.countAttempt ? { $inc: { attempts: 1 } } : {}),
        $setOnInsert: {
          follower_id: followerId,
          report_period: period,
          ...(options.countAttempt ? {} : { attempts: 0 }),
        },
      },
      { upsert: true },
    );
  }
}
