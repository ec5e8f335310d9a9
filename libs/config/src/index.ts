export { AppConfig } from './app-config.js';
export { ConfigModule } from './config.module.js';
export { ConfigValidationError } from './config-validation.error.js';
export {
  EMAIL_TRANSPORTS,
  isLocale,
  isTimeZone,
  LOG_FORMATS,
  LOG_LEVELS,
  type EmailTransport,
  type LogFormat,
  type LogLevel,
} from './environment.schema.js';
export { loadConfig, type Environment } from './load-config.js';
export { resolveConfig, type ResolveConfigOptions } from './resolve-config.js';
export { redactError, SecretRedactor } from './secrets/secret-redactor.js';
export type { SecretSourceDependencies } from './secrets/secret-resolver.js';
export { type FoundSecret, SecretSourceError } from './secrets/secret-source.js';
export { SECRET_VARIABLES, type SecretVariable } from './secrets/secret-variables.js';
export {
  type SecretChange,
  type SecretChangeListener,
  type SecretRefreshResult,
  Secrets,
} from './secrets/secrets.js';
export {
  DEFAULT_SECRET_SOURCES,
  REDACTED,
  SECRET_SOURCE_NAMES,
  type SecretSourceName,
} from './secrets/secrets.constants.js';
export { SecretsRefresher } from './secrets/secrets-refresher.js';
export type { SecretManagerAccess } from './secrets/sources/secret-manager.secret-source.js';
