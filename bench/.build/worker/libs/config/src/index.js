export { AppConfig } from './app-config.js';
export { ConfigModule } from './config.module.js';
export { ConfigValidationError } from './config-validation.error.js';
export { EMAIL_TRANSPORTS, LOG_FORMATS, LOG_LEVELS, } from './environment.schema.js';
export { loadConfig } from './load-config.js';
export { resolveConfig } from './resolve-config.js';
export { redactError, SecretRedactor } from './secrets/secret-redactor.js';
export { SecretSourceError } from './secrets/secret-source.js';
export { SECRET_VARIABLES } from './secrets/secret-variables.js';
export { Secrets, } from './secrets/secrets.js';
export { DEFAULT_SECRET_SOURCES, REDACTED, SECRET_SOURCE_NAMES, } from './secrets/secrets.constants.js';
export { SecretsRefresher } from './secrets/secrets-refresher.js';
//# sourceMappingURL=index.js.map