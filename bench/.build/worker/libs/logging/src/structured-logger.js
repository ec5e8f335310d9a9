/** Cloud Logging's `severity` names for Nest's levels. */
const SEVERITY = {
    verbose: 'DEBUG',
    debug: 'DEBUG',
    log: 'INFO',
    warn: 'WARNING',
    error: 'ERROR',
    fatal: 'CRITICAL',
};
const RANK = {
    verbose: 0,
    debug: 0,
    log: 1,
    warn: 2,
    error: 3,
    fatal: 4,
};
const THRESHOLD_RANK = { debug: 0, info: 1, warn: 2, error: 3 };
/**
 * A Nest `LoggerService` writing one JSON object a line (Cloud Logging's
 * structured format) or readable text. Log an object to attach ids:
 * `logger.log({ message: 'settled', messageId, pattern })`.
 */
export class StructuredLogger {
    options;
    write;
    now;
    redact;
    threshold;
    constructor(options) {
        this.options = options;
        this.write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
        this.now = options.now ?? (() => new Date());
        this.redact = options.redact ?? ((line) => line);
        this.threshold = THRESHOLD_RANK[options.level];
    }
    /** Replaces the redaction applied to every line (secrets may load after the logger exists). */
    setRedactor(redact) {
        this.redact = redact;
    }
    log(message, ...rest) {
        this.emit('log', message, rest);
    }
    error(message, ...rest) {
        this.emit('error', message, rest);
    }
    warn(message, ...rest) {
        this.emit('warn', message, rest);
    }
    debug(message, ...rest) {
        this.emit('debug', message, rest);
    }
    verbose(message, ...rest) {
        this.emit('verbose', message, rest);
    }
    fatal(message, ...rest) {
        this.emit('fatal', message, rest);
    }
    setLogLevels(levels) {
        this.threshold = Math.min(...levels.map((level) => RANK[level]));
    }
    emit(level, message, rest) {
        if (RANK[level] < this.threshold)
            return;
        const { context, stack } = splitNestArguments(level, rest);
        const entry = {
            severity: SEVERITY[level],
            timestamp: this.now().toISOString(),
            ...(context ? { context } : {}),
            ...toFields(message),
        };
        if (stack)
            entry.stack_trace = stack;
        this.write(this.redact(this.options.format === 'json' ? safeJson(entry) : pretty(entry)));
    }
}
/**
 * Nest calls `error(message, stack?, context?)` and `log(message, context?)`:
 * the last string argument is the context, and for errors a preceding one is
 * the stack.
 */
function splitNestArguments(level, rest) {
    const strings = rest.filter((value) => typeof value === 'string');
    const errorArgument = rest.find((value) => value instanceof Error);
    if (level === 'error' || level === 'fatal') {
        if (strings.length >= 2)
            return { stack: strings[0], context: strings[strings.length - 1] };
        if (strings.length === 1) {
            const [only] = strings;
            return only.includes('\n    at ') ? { stack: only } : { context: only, stack: errorArgument?.stack };
        }
        return { stack: errorArgument?.stack };
    }
    return { context: strings[strings.length - 1] };
}
function toFields(message) {
    if (message instanceof Error) {
        return { message: message.message, error: message.name, stack_trace: message.stack };
    }
    if (message !== null && typeof message === 'object' && !Array.isArray(message)) {
        const fields = { ...message };
        if (typeof fields.message !== 'string')
            fields.message = safeJson(message);
        return fields;
    }
    return { message: typeof message === 'string' ? message : safeJson(message) };
}
function pretty(entry) {
    const { severity, timestamp, context, message, stack_trace, ...fields } = entry;
    const extras = Object.entries(fields)
        .map(([key, value]) => `${key}=${typeof value === 'string' ? value : safeJson(value)}`)
        .join(' ');
    const head = `${String(timestamp)} ${String(severity).padEnd(8)} ${context ? `[${String(context)}] ` : ''}${String(message)}`;
    return [head + (extras ? ` ${extras}` : ''), stack_trace].filter(Boolean).join('\n');
}
function safeJson(value) {
    try {
        return JSON.stringify(value, (_key, inner) => typeof inner === 'bigint' ? inner.toString() : inner);
    }
    catch {
        return String(value);
    }
}
//# sourceMappingURL=structured-logger.js.map