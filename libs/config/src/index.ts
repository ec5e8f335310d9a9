export { AppConfig } from './app-config.js';
export { ConfigModule } from './config.module.js';
export { ConfigValidationError } from './config-validation.error.js';
export { LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from './environment.schema.js';
export { loadConfig, type Environment } from './load-config.js';
