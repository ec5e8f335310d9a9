/**
 * Rules for the aggregation pipelines of report definitions. A definition is
 * data written by people with an API token, run with the worker's database
 * rights, so a pipeline may only read: stages are allow-listed, operators
 * that run code or write are refused at any depth, and nothing may name
 * another database.
 */

const ALLOWED_STAGES = new Set([
  '$match',
  '$project',
  '$addFields',
  '$set',
  '$unset',
  '$sort',
  '$limit',
  '$skip',
  '$group',
  '$unwind',
  '$count',
  '$replaceRoot',
  '$replaceWith',
  '$lookup',
  '$sortByCount',
  '$bucket',
  '$bucketAuto',
  '$facet',
]);

/** Refused wherever they appear: they run JavaScript or write data. */
const FORBIDDEN_OPERATORS = new Set(['$where', '$function', '$accumulator', '$out', '$merge']);

/** A collection in this database, not `system.*` and not `db.collection`. */
const COLLECTION_NAME = /^(?!system\.)[A-Za-z_][A-Za-z0-9_-]{0,119}$/;

export function isSafeCollectionName(name: unknown): name is string {
  return typeof name === 'string' && COLLECTION_NAME.test(name);
}

/**
 * Lists every rule the pipeline breaks (empty when it is safe), with the
 * place of each: `stage 2 ($lookup): ...`.
 */
export function pipelineProblems(pipeline: unknown): string[] {
  if (!Array.isArray(pipeline)) return ['pipeline must be an array of stages'];
  return pipeline.flatMap((stage, index) => stageProblems(stage, `stage ${index + 1}`));
}

function stageProblems(stage: unknown, at: string): string[] {
  if (!isPlainObject(stage) || Object.keys(stage).length !== 1) {
    return [`${at} must be an object with exactly one $stage key`];
  }
  const [name] = Object.keys(stage);
  const body = stage[name];
  const where = `${at} (${name})`;
  if (FORBIDDEN_OPERATORS.has(name))
    return [`${where}: ${name} is not allowed (it writes data or runs code)`];
  if (!ALLOWED_STAGES.has(name)) return [`${where}: ${name} is not an allowed stage`];
  const problems = forbiddenOperators(body, where);
  if (name === '$lookup') problems.push(...lookupProblems(body, where));
  if (name === '$facet' && isPlainObject(body)) {
    for (const [facet, inner] of Object.entries(body)) {
      problems.push(
        ...(Array.isArray(inner)
          ? inner.flatMap((s, i) => stageProblems(s, `${where} facet "${facet}" stage ${i + 1}`))
          : [`${where}: facet "${facet}" must be a pipeline`]),
      );
    }
  }
  return problems;
}

function lookupProblems(body: unknown, where: string): string[] {
  if (!isPlainObject(body)) return [`${where}: must be an object`];
  const problems: string[] = [];
  if (!isSafeCollectionName(body.from)) {
    problems.push(`${where}: "from" must name a collection of this database`);
  }
  if (body.pipeline !== undefined) {
    if (!Array.isArray(body.pipeline)) problems.push(`${where}: "pipeline" must be an array`);
    else
      problems.push(
        ...body.pipeline.flatMap((s, i) => stageProblems(s, `${where} pipeline stage ${i + 1}`)),
      );
  }
  return problems;
}

function forbiddenOperators(value: unknown, where: string): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => forbiddenOperators(item, where));
  if (!isPlainObject(value)) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    FORBIDDEN_OPERATORS.has(key)
      ? [`${where}: ${key} is not allowed (it writes data or runs code)`]
      : forbiddenOperators(inner, where),
  );
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  );
}
