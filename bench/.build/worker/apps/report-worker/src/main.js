import 'reflect-metadata';
import { ConfigValidationError, resolveConfig } from "../../../libs/config/src/index.js";
import { ShutdownSignal } from '@nestjs/common';
import { createApp, createLogger } from './bootstrap.js';
/** Masks loaded secrets in a start-up failure too; identity until they are loaded. */
let redact = (text) => text;
async function main() {
    const config = await resolveConfig();
    redact = config.secrets.redactor.redact;
    const logger = createLogger(config);
    const app = await createApp(config, logger);
    // process.exit(0) after a clean close: Nest would otherwise re-raise the
    // signal and the process would end with 143 instead of 0.
    app.enableShutdownHooks([ShutdownSignal.SIGTERM, ShutdownSignal.SIGINT], {
        useProcessExit: true,
    });
    armShutdownWatchdog(config.shutdownGraceMs);
    await app.listen(config.port);
    logger.log({ message: 'report-worker listening', port: config.port }, 'Bootstrap');
}
/**
 * Shutdown drains in-flight work for at most the grace period; this is the
 * backstop if something still hangs after it, so the platform's SIGKILL never
 * has to be the one that ends the process.
 */
function armShutdownWatchdog(graceMs) {
    const backstopMs = graceMs + 2_000;
    const arm = () => {
        setTimeout(() => {
            process.stderr.write(`report-worker did not close within ${backstopMs} ms; exiting\n`);
            process.exit(1);
        }, backstopMs).unref();
    };
    process.once('SIGTERM', arm);
    process.once('SIGINT', arm);
}
main().catch((error) => {
    if (error instanceof ConfigValidationError) {
        process.stderr.write(`report-worker cannot start. ${error.message}\n`);
    }
    else {
        process.stderr.write(redact(`report-worker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`));
    }
    process.exit(1);
});
//# sourceMappingURL=main.js.map