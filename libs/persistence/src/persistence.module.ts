import { AppConfig } from '@lib/config';
import { Module } from '@nestjs/common';
import { getConnectionToken, MongooseModule } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import {
  ReportDefinition,
  ReportDefinitionSchema,
} from './definitions/report-definition.schema.js';
import { ReportDefinitionsRepository } from './definitions/report-definitions.repository.js';
import { ReportRun, ReportRunSchema } from './runs/report-run.schema.js';
import { ReportRunsRepository } from './runs/report-runs.repository.js';
import { ReportFileStorage } from './storage/report-file.storage.js';
import { MoneyCodec } from './trading/money-codec.js';
import { ReportSentRepository } from './trading/report-sent.repository.js';
import { TradingDataRepository } from './trading/trading-data.repository.js';

/** How long one operation may wait to find a server before it fails (and its message is retried). */
const SERVER_SELECTION_TIMEOUT_MS = 5_000;

/**
 * The MongoDB connection, through `@nestjs/mongoose`, and the repositories
 * built on it. Commands are not buffered while disconnected: an operation
 * fails fast, the handler's message is nacked and redelivered, rather than
 * hanging past its lease. Indexes are created at start-up (`autoIndex`).
 */
@Module({
  imports: [
    MongooseModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        uri: config.mongodb.uri,
        dbName: config.mongodb.dbName,
        bufferCommands: false,
        autoIndex: true,
        serverSelectionTimeoutMS: SERVER_SELECTION_TIMEOUT_MS,
        retryAttempts: 5,
        retryDelay: 2_000,
      }),
    }),
    MongooseModule.forFeature([
      { name: ReportRun.name, schema: ReportRunSchema },
      { name: ReportDefinition.name, schema: ReportDefinitionSchema },
    ]),
  ],
  providers: [
    ReportRunsRepository,
    ReportDefinitionsRepository,
    ReportFileStorage,
    TradingDataRepository,
    ReportSentRepository,
    {
      provide: MoneyCodec,
      inject: [AppConfig, getConnectionToken()],
      useFactory: (config: AppConfig, connection: Connection) =>
        config.jobs.moneyStorage === 'auto'
          ? MoneyCodec.detect(connection.db!)
          : new MoneyCodec(config.jobs.moneyStorage),
    },
  ],
  exports: [
    MongooseModule,
    ReportRunsRepository,
    ReportDefinitionsRepository,
    ReportFileStorage,
    TradingDataRepository,
    ReportSentRepository,
    MoneyCodec,
  ],
})
export class PersistenceModule {}
