import { PermanentError } from '@lib/pubsub-transport';
import { InvalidPeriodError, parseDate, parsePeriod } from './domain/periods.js';

export type JobRequest =
  | { kind: 'daily'; date?: string }
  | { kind: 'monthly'; period?: string; followerIds?: string[]; resend: boolean };

const DAILY_FIELDS = new Set(['job_type', 'date']);
const MONTHLY_FIELDS = new Set(['job_type', 'period', 'follower_ids', 'resend']);

/**
 * Reads the old worker's job message, `{"job_type": "daily" | "monthly", ...}`
 * (job_type in any case), or the body of a `pnl.daily` / `report.monthly`
 * message (`kind` given by the pattern). Anything it cannot read is a
 * permanent failure naming every problem: never defaulted, never retried.
 */
export function parseJobRequest(payload: unknown, kind?: 'daily' | 'monthly'): JobRequest {
  if (payload === undefined && kind) payload = {};
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw invalid(['the message must be a JSON object']);
  }
  const body = payload as Record<string, unknown>;
  const problems: string[] = [];
  let jobKind = kind;
  if (!jobKind) {
    const jobType =
      typeof body.job_type === 'string' ? body.job_type.trim().toLowerCase() : undefined;
    if (jobType === 'daily' || jobType === 'monthly') jobKind = jobType;
    else
      throw invalid(
        [`job_type must be "daily" or "monthly", got ${JSON.stringify(body.job_type ?? null)}`],
        'UNKNOWN_JOB_TYPE',
      );
  }
  const allowed = jobKind === 'daily' ? DAILY_FIELDS : MONTHLY_FIELDS;
  for (const field of Object.keys(body)) {
    if (!allowed.has(field)) problems.push(`unknown field "${field}" for a ${jobKind} job`);
  }
  if (jobKind === 'daily') {
    const date = check(problems, 'date', body.date, (value) => parseDate(value) && String(value));
    if (problems.length > 0) throw invalid(problems);
    return { kind: 'daily', date };
  }
  const period = check(
    problems,
    'period',
    body.period,
    (value) => parsePeriod(value) && String(value),
  );
  let followerIds: string[] | undefined;
  if (body.follower_ids !== undefined) {
    const ids = body.follower_ids;
    if (
      !Array.isArray(ids) ||
      ids.length === 0 ||
      ids.some((id) => typeof id !== 'string' || id.trim() === '')
    ) {
      problems.push('follower_ids must be a non-empty list of follower ids');
    } else followerIds = ids as string[];
  }
  if (body.resend !== undefined && typeof body.resend !== 'boolean')
    problems.push('resend must be true or false');
  if (problems.length > 0) throw invalid(problems);
  return { kind: 'monthly', period, followerIds, resend: body.resend === true };
}

function check<T>(
  problems: string[],
  field: string,
  value: unknown,
  parse: (value: unknown) => T,
): T | undefined {
  if (value === undefined) return undefined;
  try {
    return parse(value);
  } catch (error) {
    if (!(error instanceof InvalidPeriodError)) throw error;
    problems.push(`${field}: ${error.message}`);
    return undefined;
  }
}

function invalid(problems: string[], code = 'INVALID_JOB'): PermanentError {
  return new PermanentError(`Invalid job: ${problems.join('; ')}`, code);
}
