import { AppConfig } from '@lib/config';
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';

/** How long one operation may wait to find a server before it fails (and its message is retried). */
const SERVER_SELECTION_TIMEOUT_MS = 5_000;

/**
 * The MongoDB connection, through `@nestjs/mongoose`. Commands are not
 * buffered while disconnected: an operation fails fast, the handler's
 * message is nacked and redelivered, rather than hanging past its lease.
 */
@Module({
  imports: [
    MongooseModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        uri: config.mongodb.uri,
        dbName: config.mongodb.dbName,
        bufferCommands: false,
        serverSelectionTimeoutMS: SERVER_SELECTION_TIMEOUT_MS,
        retryAttempts: 5,
        retryDelay: 2_000,
      }),
    }),
  ],
  exports: [MongooseModule],
})
export class PersistenceModule {}
