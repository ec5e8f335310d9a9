import type { DefinitionColumn, ParameterSpec } from '@lib/persistence';
import type { ReportFormat } from '@lib/rendering';

/** A `report.generate` request once validated, its definition found and its parameters typed. */
export interface ResolvedRequest {
  definition: {
    name?: string;
    version?: number;
    title: string;
    description?: string;
    sourceCollection: string;
    pipeline: Record<string, unknown>[];
    parameters?: ParameterSpec[];
    columns: DefinitionColumn[];
  };
  parameters: Record<string, unknown>;
  formats: ReportFormat[];
  locale: string;
  timeZone: string;
  currency: string;
}
