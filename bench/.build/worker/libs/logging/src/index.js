export { StructuredLogger, } from './structured-logger.js';
//# sourceMappingURL=index.js.map