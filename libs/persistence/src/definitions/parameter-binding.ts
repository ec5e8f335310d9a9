import { isPlainObject } from './pipeline-safety.js';

export const PARAMETER_TYPES = [
  'string',
  'number',
  'integer',
  'boolean',
  'date',
  'datetime',
] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];

export interface ParameterSpec {
  name: string;
  type: ParameterType;
  required?: boolean;
  default?: unknown;
  /** Allowed values, for `string` parameters. */
  enum?: string[];
  description?: string;
}

/**
 * A placeholder in a definition's pipeline: `{ "$param": "from" }` is
 * replaced by the value of parameter `from`, as a value (a string stays one
 * string, a date becomes a BSON date), never spliced into text.
 */
const PLACEHOLDER = '$param';

/** Names of the parameters a pipeline refers to. */
export function referencedParameters(pipeline: unknown): Set<string> {
  const names = new Set<string>();
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isPlainObject(value)) {
      if (isPlaceholder(value)) names.add(value[PLACEHOLDER] as string);
      else Object.values(value).forEach(visit);
    }
  };
  visit(pipeline);
  return names;
}

/**
 * Checks the given parameters against their specs and converts them to their
 * types; returns the values and every problem found.
 */
export function resolveParameters(
  specs: readonly ParameterSpec[],
  given: Record<string, unknown> = {},
): { values: Record<string, unknown>; problems: string[] } {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  const known = new Set(specs.map((spec) => spec.name));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) problems.push(`unknown parameter "${name}"`);
  }
  for (const spec of specs) {
    const raw = given[spec.name] ?? spec.default;
    if (raw === undefined || raw === null) {
      if (spec.required) problems.push(`parameter "${spec.name}" is required`);
      else values[spec.name] = null;
      continue;
    }
    const converted = convert(spec, raw);
    if (typeof converted === 'object' && converted !== null && 'problem' in converted)
      problems.push(converted.problem as string);
    else values[spec.name] = converted;
  }
  return { values, problems };
}

/** Replaces every `{ "$param": name }` with its value; the pipeline given is not changed. */
export function bindParameters(pipeline: unknown, values: Record<string, unknown>): unknown {
  if (Array.isArray(pipeline)) return pipeline.map((item) => bindParameters(item, values));
  if (!isPlainObject(pipeline)) return pipeline;
  if (isPlaceholder(pipeline)) {
    const name = pipeline[PLACEHOLDER] as string;
    if (!(name in values)) throw new Error(`pipeline refers to undeclared parameter "${name}"`);
    return values[name];
  }
  return Object.fromEntries(
    Object.entries(pipeline).map(([key, inner]) => [key, bindParameters(inner, values)]),
  );
}

function isPlaceholder(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === PLACEHOLDER && typeof value[PLACEHOLDER] === 'string';
}

function convert(spec: ParameterSpec, raw: unknown): unknown {
  const problem = (expected: string) => ({
    problem: `parameter "${spec.name}" must be ${expected}, got ${JSON.stringify(raw)}`,
  });
  switch (spec.type) {
    case 'string':
      if (typeof raw !== 'string') return problem('a string');
      if (spec.enum && !spec.enum.includes(raw)) return problem(`one of ${spec.enum.join(', ')}`);
      return raw;
    case 'number': {
      const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
      return typeof value === 'number' && Number.isFinite(value) ? value : problem('a number');
    }
    case 'integer': {
      const value = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
      return Number.isSafeInteger(value) ? value : problem('a whole number');
    }
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (raw === 'true' || raw === 'false') return raw === 'true';
      return problem('true or false');
    case 'date': {
      // A calendar date is the UTC midnight that starts it, as dates are stored.
      if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(raw))
        return problem('a date (YYYY-MM-DD)');
      const date = new Date(`${raw}T00:00:00.000Z`);
      return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== raw
        ? problem('a real date')
        : date;
    }
    case 'datetime': {
      const date = typeof raw === 'string' ? new Date(raw) : undefined;
      return date && !Number.isNaN(date.getTime()) && /T/.test(raw as string)
        ? date
        : problem('an ISO 8601 date-time');
    }
  }
}
