export {
  bindParameters,
  PARAMETER_TYPES,
  type ParameterSpec,
  type ParameterType,
  referencedParameters,
  resolveParameters,
} from './definitions/parameter-binding.js';
export { isSafeCollectionName, pipelineProblems } from './definitions/pipeline-safety.js';
export {
  type DefinitionColumn,
  ReportDefinition,
  type StoredDefinition,
} from './definitions/report-definition.schema.js';
export {
  type DefinitionInput,
  ReportDefinitionsRepository,
} from './definitions/report-definitions.repository.js';
export { PersistenceModule } from './persistence.module.js';
export {
  ReportRun,
  RUN_STATUSES,
  type RunError,
  type RunFile,
  type RunStatus,
} from './runs/report-run.schema.js';
export {
  type Claim,
  InvalidCursorError,
  LeaseLostError,
  type NewRun,
  ReportRunsRepository,
  type RunPage,
} from './runs/report-runs.repository.js';
export {
  type FileDownload,
  type FileMetadata,
  OutputTooLargeError,
  REPORTS_BUCKET,
  ReportFileStorage,
  type StoredFile,
} from './storage/report-file.storage.js';
export { MoneyCodec, type MoneyStorage } from './trading/money-codec.js';
export {
  type ReportSentRecord,
  ReportSentRepository,
  type ReportSentStatus,
} from './trading/report-sent.repository.js';
export {
  type DailyPnlRecord,
  type FollowerRecord,
  idForms,
  type PositionRecord,
  TradingDataRepository,
} from './trading/trading-data.repository.js';
