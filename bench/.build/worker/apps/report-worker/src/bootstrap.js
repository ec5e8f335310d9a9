import { StructuredLogger } from "../../../libs/logging/src/index.js";
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { createPubSubServer } from './pubsub-wiring.js';
export function createLogger(config) {
    return new StructuredLogger({
        format: config.log.format,
        level: config.log.level,
        redact: config.secrets.redactor.redact,
    });
}
/**
 * Builds the worker's application from a loaded configuration, with the
 * Pub/Sub microservice connected and pulling; the caller listens (or calls
 * `init()`). Used by `main.ts` and by the e2e tests: one wiring for both.
 */
export async function createApp(config, logger = createLogger(config)) {
    const server = createPubSubServer(config);
    const app = await NestFactory.create(AppModule.forRoot(config, server), {
        logger,
        // Start-up errors reach the caller (and exit 1) instead of aborting with a core dump.
        abortOnError: false,
        // Idle keep-alive connections must not hold shutdown open.
        forceCloseConnections: true,
    });
    // A push envelope carries up to 10 MB of message data, base64-encoded.
    app.useBodyParser('json', { limit: PUSH_BODY_LIMIT });
    app.connectMicroservice({ strategy: server }, { inheritAppConfig: true });
    await app.startAllMicroservices();
    return app;
}
const PUSH_BODY_LIMIT = '14mb';
//# sourceMappingURL=bootstrap.js.map