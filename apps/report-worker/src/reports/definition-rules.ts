import { isSafeCollectionName, pipelineProblems, referencedParameters } from '@lib/persistence';
import type { DefinitionInput } from './report-definition.input.js';

/**
 * The rules a definition must keep beyond its shape: a readable collection,
 * a read-only pipeline, and every `{ "$param" }` declared. Checked when a
 * definition is saved and again when it runs (stored data may predate a rule).
 */
export function definitionProblems(
  definition: Pick<DefinitionInput, 'sourceCollection' | 'pipeline' | 'parameters' | 'columns'>,
): string[] {
  const problems: string[] = [];
  if (!isSafeCollectionName(definition.sourceCollection)) {
    problems.push(
      `sourceCollection "${definition.sourceCollection}" must name a collection of this database`,
    );
  }
  problems.push(...pipelineProblems(definition.pipeline));
  const declared = new Set((definition.parameters ?? []).map((parameter) => parameter.name));
  for (const name of referencedParameters(definition.pipeline)) {
    if (!declared.has(name))
      problems.push(`pipeline uses parameter "${name}", which is not declared`);
  }
  const keys = definition.columns.map((column) => column.key);
  const repeated = keys.filter((key, index) => keys.indexOf(key) !== index);
  if (repeated.length > 0)
    problems.push(`column keys must be unique: ${[...new Set(repeated)].join(', ')}`);
  return problems;
}
