import type { FoundSecret } from './secret-source.js';
import { SecretRedactor } from './secret-redactor.js';
import type { SecretSourceName } from './secrets.constants.js';

/** A secret that a refresh found with a new value. */
export interface SecretChange {
  readonly name: string;
  readonly value: string;
  readonly source: SecretSourceName;
  /** Where the new value was read, e.g. `vault secret/app#SMTP_PASSWORD (version 4)`. */
  readonly origin: string;
}

export type SecretChangeListener = (change: SecretChange) => void | Promise<void>;

export interface SecretRefreshResult {
  /** Names whose value changed and was applied. */
  readonly changed: readonly string[];
  /** Why nothing was applied (a source failed, a new value is invalid); redacted. */
  readonly problems: readonly string[];
  /** Listeners that threw, redacted; the other listeners still ran. */
  readonly listenerErrors: readonly Error[];
}

/** What a new resolution delivered, for `refresh`. */
export interface SecretReload {
  readonly secrets: ReadonlyMap<string, FoundSecret>;
  readonly sensitive: readonly string[];
  readonly problems: readonly string[];
}

export interface SecretsInit {
  readonly redactor?: SecretRedactor;
  readonly secrets?: ReadonlyMap<string, FoundSecret>;
  readonly warnings?: readonly string[];
  readonly refreshIntervalMs?: number;
  /** Resolves the sources again; absent when nothing could change. */
  readonly reload?: () => Promise<SecretReload>;
}

/**
 * The secrets loaded at start-up, where each came from, and the redactor that
 * masks them. `AppConfig` is frozen at start-up; a consumer that can apply a
 * rotated secret without a restart subscribes with `onChange`.
 */
export class Secrets {
  readonly redactor: SecretRedactor;
  /** Optional sources that failed at start-up, already redacted. */
  readonly warnings: readonly string[];
  /** `SECRETS_REFRESH_INTERVAL_MS`; 0 when refresh is off. */
  readonly refreshIntervalMs: number;
  private readonly current: Map<string, FoundSecret>;
  private readonly listeners = new Map<string, Set<SecretChangeListener>>();
  private readonly reload: (() => Promise<SecretReload>) | undefined;
  private refreshing: Promise<SecretRefreshResult> | undefined;

  constructor(init: SecretsInit = {}) {
    this.redactor = init.redactor ?? new SecretRedactor();
    this.current = new Map(init.secrets);
    this.warnings = init.warnings ?? [];
    this.refreshIntervalMs = init.refreshIntervalMs ?? 0;
    this.reload = init.reload;
  }

  /** Whether a refresh can find anything new: a source with versions is in use. */
  get refreshable(): boolean {
    return this.reload !== undefined;
  }

  /** The current value of a secret (after any refresh). */
  get(name: string): string | undefined {
    return this.current.get(name)?.value;
  }

  /** Which secrets were loaded and from where, never the values: for a start-up log line. */
  describe(): { name: string; source: SecretSourceName; origin: string }[] {
    return [...this.current]
      .map(([name, { source, origin }]) => ({ name, source, origin }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Calls `listener` when a refresh finds a new value for `name`; returns the unsubscribe function. */
  onChange(name: string, listener: SecretChangeListener): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /**
   * Reads the sources again and applies what changed, all or nothing: when a
   * source fails or a new value does not validate, the current values stay.
   * A secret that disappeared keeps its last value until restart. Concurrent
   * calls share one refresh.
   */
  refresh(): Promise<SecretRefreshResult> {
    this.refreshing ??= this.refreshOnce().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async refreshOnce(): Promise<SecretRefreshResult> {
    if (!this.reload) return { changed: [], problems: [], listenerErrors: [] };
    let next: SecretReload;
    try {
      next = await this.reload();
    } catch (error) {
      return {
        changed: [],
        problems: [this.redactor.redactError(error).message],
        listenerErrors: [],
      };
    }
    // Learnt even when nothing is applied: a new value may already be in use elsewhere.
    for (const value of next.sensitive) this.redactor.add(value);
    if (next.problems.length > 0) {
      return { changed: [], problems: next.problems.map(this.redactor.redact), listenerErrors: [] };
    }

    const changes: SecretChange[] = [];
    for (const [name, secret] of next.secrets) {
      if (this.current.get(name)?.value === secret.value) continue;
      this.current.set(name, secret);
      changes.push({ name, ...secret });
    }
    const listenerErrors: Error[] = [];
    for (const change of changes) {
      for (const listener of this.listeners.get(change.name) ?? []) {
        try {
          await listener(change);
        } catch (error) {
          listenerErrors.push(this.redactor.redactError(error));
        }
      }
    }
    return { changed: changes.map(({ name }) => name), problems: [], listenerErrors };
  }
}
