import type { LoggerService, LogLevel as NestLogLevel } from '@nestjs/common';

export type LogFormat = 'json' | 'pretty';
export type LogThreshold = 'debug' | 'info' | 'warn' | 'error';

/** Cloud Logging's `severity` names for Nest's levels. */
const SEVERITY: Record<NestLogLevel, string> = {
  verbose: 'DEBUG',
  debug: 'DEBUG',
  log: 'INFO',
  warn: 'WARNING',
  error: 'ERROR',
  fatal: 'CRITICAL',
};

const RANK: Record<NestLogLevel, number> = {
  verbose: 0,
  debug: 0,
  log: 1,
  warn: 2,
  error: 3,
  fatal: 4,
};

const THRESHOLD_RANK: Record<LogThreshold, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export interface StructuredLoggerOptions {
  format: LogFormat;
  level: LogThreshold;
  /** Where lines go; standard output by default (Cloud Run collects it). */
  write?: (line: string) => void;
  /** Applied to every line before it is written: the place secrets are masked. */
  redact?: (line: string) => string;
  now?: () => Date;
}

/** Fields a caller can attach to a line by logging an object with a `message`. */
export type LogFields = { message: string } & Record<string, unknown>;

/**
 * A Nest `LoggerService` writing one JSON object a line (Cloud Logging's
 * structured format) or readable text. Log an object to attach ids:
 * `logger.log({ message: 'settled', messageId, pattern })`.
 */
export class StructuredLogger implements LoggerService {
  private readonly write: (line: string) => void;
  private readonly now: () => Date;
  private redact: (line: string) => string;
  private threshold: number;

  constructor(private readonly options: StructuredLoggerOptions) {
    this.write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
    this.now = options.now ?? (() => new Date());
    this.redact = options.redact ?? ((line) => line);
    this.threshold = THRESHOLD_RANK[options.level];
  }

  /** Replaces the redaction applied to every line (secrets may load after the logger exists). */
  setRedactor(redact: (line: string) => string): void {
    this.redact = redact;
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.emit('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.emit('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.emit('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.emit('fatal', message, rest);
  }

  setLogLevels(levels: NestLogLevel[]): void {
    this.threshold = Math.min(...levels.map((level) => RANK[level]));
  }

  private emit(level: NestLogLevel, message: unknown, rest: unknown[]): void {
    if (RANK[level] < this.threshold) return;
    const { context, stack } = splitNestArguments(level, rest);
    const entry: Record<string, unknown> = {
      severity: SEVERITY[level],
      timestamp: this.now().toISOString(),
      ...(context ? { context } : {}),
      ...toFields(message),
    };
    if (stack) entry.stack_trace = stack;
    this.write(this.redact(this.options.format === 'json' ? safeJson(entry) : pretty(entry)));
  }
}

/**
 * Nest calls `error(message, stack?, context?)` and `log(message, context?)`:
 * the last string argument is the context, and for errors a preceding one is
 * the stack.
 */
function splitNestArguments(
  level: NestLogLevel,
  rest: unknown[],
): { context?: string; stack?: string } {
  const strings = rest.filter((value): value is string => typeof value === 'string');
  const errorArgument = rest.find((value): value is Error => value instanceof Error);
  if (level === 'error' || level === 'fatal') {
    if (strings.length >= 2) return { stack: strings[0], context: strings[strings.length - 1] };
    if (strings.length === 1) {
      const [only] = strings;
      return only.includes('\n    at ')
        ? { stack: only }
        : { context: only, stack: errorArgument?.stack };
    }
    return { stack: errorArgument?.stack };
  }
  return { context: strings[strings.length - 1] };
}

function toFields(message: unknown): Record<string, unknown> {
  if (message instanceof Error) {
    return { message: message.message, error: message.name, stack_trace: message.stack };
  }
  if (message !== null && typeof message === 'object' && !Array.isArray(message)) {
    const fields = { ...(message as Record<string, unknown>) };
    if (typeof fields.message !== 'string') fields.message = safeJson(message);
    return fields;
  }
  return { message: typeof message === 'string' ? message : safeJson(message) };
}

function pretty(entry: Record<string, unknown>): string {
  const { severity, timestamp, context, message, stack_trace, ...fields } = entry;
  const extras = Object.entries(fields)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : safeJson(value)}`)
    .join(' ');
  const head = `${String(timestamp)} ${String(severity).padEnd(8)} ${context ? `[${String(context)}] ` : ''}${String(message)}`;
  return [head + (extras ? ` ${extras}` : ''), stack_trace].filter(Boolean).join('\n');
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, inner: unknown) =>
      typeof inner === 'bigint' ? inner.toString() : inner,
    );
  } catch {
    return String(value);
  }
}
