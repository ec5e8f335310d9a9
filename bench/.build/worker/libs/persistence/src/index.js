export { bindParameters, PARAMETER_TYPES, referencedParameters, resolveParameters } from './definitions/parameter-binding.js';
export { isSafeCollectionName, pipelineProblems } from './definitions/pipeline-safety.js';
export { ReportDefinition } from './definitions/report-definition.schema.js';
export { ReportDefinitionsRepository } from './definitions/report-definitions.repository.js';
export { PersistenceModule } from './persistence.module.js';
export { ReportRun, RUN_STATUSES } from './runs/report-run.schema.js';
export { InvalidCursorError, LeaseLostError, ReportRunsRepository } from './runs/report-runs.repository.js';
export { OutputTooLargeError, REPORTS_BUCKET, ReportFileStorage, } from './storage/report-file.storage.js';
export { MoneyCodec } from './trading/money-codec.js';
export { ReportSentRepository } from './trading/report-sent.repository.js';
export { idForms, TradingDataRepository, } from './trading/trading-data.repository.js';
//# sourceMappingURL=index.js.map