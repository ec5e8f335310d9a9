import { SecretRedactor } from './secret-redactor.js';
/**
 * The secrets loaded at start-up, where each came from, and the redactor that
 * masks them. `AppConfig` is frozen at start-up; a consumer that can apply a
 * rotated secret without a restart subscribes with `onChange`.
 */
export class Secrets {
    redactor;
    /** Optional sources that failed at start-up, already redacted. */
    warnings;
    /** `SECRETS_REFRESH_INTERVAL_MS`; 0 when refresh is off. */
    refreshIntervalMs;
    current;
    listeners = new Map();
    reload;
    refreshing;
    constructor(init = {}) {
        this.redactor = init.redactor ?? new SecretRedactor();
        this.current = new Map(init.secrets);
        this.warnings = init.warnings ?? [];
        this.refreshIntervalMs = init.refreshIntervalMs ?? 0;
        this.reload = init.reload;
    }
    /** Whether a refresh can find anything new: a source with versions is in use. */
    get refreshable() {
        return this.reload !== undefined;
    }
    /** The current value of a secret (after any refresh). */
    get(name) {
        return this.current.get(name)?.value;
    }
    /** Which secrets were loaded and from where, never the values: for a start-up log line. */
    describe() {
        return [...this.current]
            .map(([name, { source, origin }]) => ({ name, source, origin }))
            .sort((a, b) => a.name.localeCompare(b.name));
    }
    /** Calls `listener` when a refresh finds a new value for `name`; returns the unsubscribe function. */
    onChange(name, listener) {
        let set = this.listeners.get(name);
        if (!set)
            this.listeners.set(name, (set = new Set()));
        set.add(listener);
        return () => set.delete(listener);
    }
    /**
     * Reads the sources again and applies what changed, all or nothing: when a
     * source fails or a new value does not validate, the current values stay.
     * A secret that disappeared keeps its last value until restart. Concurrent
     * calls share one refresh.
     */
    refresh() {
        this.refreshing ??= this.refreshOnce().finally(() => {
            this.refreshing = undefined;
        });
        return this.refreshing;
    }
    async refreshOnce() {
        if (!this.reload)
            return { changed: [], problems: [], listenerErrors: [] };
        let next;
        try {
            next = await this.reload();
        }
        catch (error) {
            return {
                changed: [],
                problems: [this.redactor.redactError(error).message],
                listenerErrors: [],
            };
        }
        // Learnt even when nothing is applied: a new value may already be in use elsewhere.
        for (const value of next.sensitive)
            this.redactor.add(value);
        if (next.problems.length > 0) {
            return { changed: [], problems: next.problems.map(this.redactor.redact), listenerErrors: [] };
        }
        const changes = [];
        for (const [name, secret] of next.secrets) {
            if (this.current.get(name)?.value === secret.value)
                continue;
            this.current.set(name, secret);
            changes.push({ name, ...secret });
        }
        const listenerErrors = [];
        for (const change of changes) {
            for (const listener of this.listeners.get(change.name) ?? []) {
                try {
                    await listener(change);
                }
                catch (error) {
                    listenerErrors.push(this.redactor.redactError(error));
                }
            }
        }
        return { changed: changes.map(({ name }) => name), problems: [], listenerErrors };
    }
}
//# sourceMappingURL=secrets.js.map