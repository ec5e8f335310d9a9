import { type AppConfig } from '@lib/config';
import { StructuredLogger } from '@lib/logging';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';

export function createLogger(config: AppConfig): StructuredLogger {
  return new StructuredLogger({ format: config.log.format, level: config.log.level });
}

/**
 * Builds the worker's application from a loaded configuration. Used by
 * `main.ts` and by the e2e tests, so both run the same wiring.
 */
export async function createApp(
  config: AppConfig,
  logger: StructuredLogger = createLogger(config),
): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config), {
    logger,
    // Start-up errors reach the caller (and exit 1) instead of aborting with a core dump.
    abortOnError: false,
    // Idle keep-alive connections must not hold shutdown open.
    forceCloseConnections: true,
  });
  return app;
}
