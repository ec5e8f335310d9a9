import { MIN_REDACTED_LENGTH, REDACTED } from './secrets.constants.js';
/**
 * Knows every secret value the worker loaded and masks it wherever it shows
 * up: log lines, error messages, health details, event payloads. A value is
 * masked inside longer text too, and in the forms it takes once written into
 * JSON or a URL, so a secret embedded in a logged object or a connection
 * string is caught as well.
 */
export class SecretRedactor {
    values = new Set();
    pattern;
    /** Learns a secret. Values shorter than `MIN_REDACTED_LENGTH` are ignored. */
    add(value) {
        if (!value)
            return;
        for (const form of encodedForms(value)) {
            if (form.length >= MIN_REDACTED_LENGTH && !this.values.has(form)) {
                this.values.add(form);
                this.pattern = undefined;
            }
        }
    }
    /** How many distinct strings are masked (each secret counts once per encoded form). */
    get size() {
        return this.values.size;
    }
    /**
     * Replaces every occurrence of every secret with `[redacted]`. The longest
     * value is tried first, so a secret containing another is masked whole.
     * An arrow property, so it can be handed over as `logger.setRedactor(redactor.redact)`.
     */
    redact = (text) => {
        if (this.values.size === 0 || text.length === 0)
            return text;
        this.pattern ??= new RegExp([...this.values]
            .sort((a, b) => b.length - a.length)
            .map(escapeRegExp)
            .join('|'), 'g');
        return text.replace(this.pattern, REDACTED);
    };
    /** A copy of the error (same class, own fields, cause) with every string redacted. */
    redactError(error) {
        return redactError(error, this);
    }
    /**
     * A copy of plain data (objects, arrays, errors, strings) with every string
     * redacted: for event payloads and health details. Other objects (dates,
     * buffers, class instances) are returned as they are.
     */
    redactDeep(value) {
        return redactDeep(value, this, new WeakMap());
    }
}
/** A copy of an `Error` whose message, stack, cause and other own fields are redacted. */
export function redactError(error, redactor) {
    if (!(error instanceof Error))
        return new Error(redactor.redact(String(error)));
    return redactDeep(error, redactor, new WeakMap());
}
function redactDeep(value, redactor, seen) {
    if (typeof value === 'string')
        return redactor.redact(value);
    if (value === null || typeof value !== 'object')
        return value;
    if (seen.has(value))
        return seen.get(value);
    if (Array.isArray(value)) {
        const copy = [];
        seen.set(value, copy);
        for (const item of value)
            copy.push(redactDeep(item, redactor, seen));
        return copy;
    }
    const prototype = Object.getPrototypeOf(value);
    const isPlain = prototype === Object.prototype || prototype === null;
    if (!isPlain && !(value instanceof Error))
        return value;
    // Own descriptors, not a spread: an error's message and stack are not enumerable.
    const copy = Object.create(prototype);
    seen.set(value, copy);
    for (const key of Reflect.ownKeys(value)) {
        const descriptor = Object.getOwnPropertyDescriptor(value, key);
        if ('value' in descriptor)
            descriptor.value = redactDeep(descriptor.value, redactor, seen);
        Object.defineProperty(copy, key, descriptor);
    }
    return copy;
}
/** The value as written, as it appears inside a JSON string, and percent-encoded in a URL. */
function encodedForms(value) {
    return [...new Set([value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)])];
}
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
//# sourceMappingURL=secret-redactor.js.map