export {
  StructuredLogger,
  type LogFields,
  type LogFormat,
  type LogThreshold,
  type StructuredLoggerOptions,
} from './structured-logger.js';
