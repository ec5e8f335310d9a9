import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { AppConfig } from './app-config.js';
import { ConfigValidationError } from './config-validation.error.js';
import { EMULATOR_DEFAULT_PROJECT, EnvironmentSchema } from './environment.schema.js';

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Validates the environment and returns the typed configuration, or throws a
 * `ConfigValidationError` listing every problem. The only reader of
 * `process.env` in the code base.
 */
export function loadConfig(env: Environment = process.env): AppConfig {
  const raw = plainToInstance(EnvironmentSchema, withoutEmptyValues(env), {
    exposeDefaultValues: true,
  });
  const errors = validateSync(raw, { skipMissingProperties: false });
  if (errors.length > 0) {
    throw new ConfigValidationError(errors.flatMap(describe));
  }
  return toAppConfig(raw);
}

function toAppConfig(env: EnvironmentSchema): AppConfig {
  const environment =
    env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  return new AppConfig({
    port: env.PORT,
    environment,
    pubsub: {
      projectId: env.GOOGLE_CLOUD_PROJECT || EMULATOR_DEFAULT_PROJECT,
      emulatorHost: env.PUBSUB_EMULATOR_HOST,
    },
    mongodb: { uri: env.MONGODB_URI, dbName: env.MONGODB_DB },
    log: {
      level: env.LOG_LEVEL,
      // Cloud Logging parses JSON lines; people read text.
      format: env.LOG_FORMAT ?? (environment === 'production' ? 'json' : 'pretty'),
    },
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    healthCheckTimeoutMs: env.HEALTH_CHECK_TIMEOUT_MS,
  });
}

/** `FOO=` in a shell or compose file means "not set", not "set to nothing". */
function withoutEmptyValues(env: Environment): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') result[name] = value;
  }
  return result;
}

function describe(error: ValidationError): string[] {
  const own = Object.values(error.constraints ?? {});
  // class-validator reports each failed rule; the first one says enough.
  return [...own.slice(0, 1), ...(error.children ?? []).flatMap(describe)];
}
