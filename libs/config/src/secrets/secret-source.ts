import type { SecretSourceName } from './secrets.constants.js';

/** One variable as a source delivered it. */
export interface FoundSecret {
  readonly value: string;
  readonly source: SecretSourceName;
  /**
   * Where it was read, never the value: `SMTP_PASSWORD_FILE=/run/secrets/smtp`,
   * `vault secret/report-worker#SMTP_PASSWORD (version 3)`.
   */
  readonly origin: string;
}

/**
 * One place secrets come from. A source reads what it holds for the names
 * still `wanted` (an earlier source in `SECRET_SOURCES` has not delivered
 * them), so a reference shadowed by an earlier source is never fetched.
 */
export interface SecretSource {
  readonly name: SecretSourceName;
  /** Throws `SecretSourceError` when the source cannot be read. */
  read(wanted: (name: string) => boolean): Promise<Map<string, FoundSecret>>;
}

/**
 * A source could not be read. `reasons` say why (one per failed path, file
 * or reference) and never contain a secret value; `found` holds what the
 * source did read, used when the source is optional.
 */
export class SecretSourceError extends Error {
  override readonly name = 'SecretSourceError';

  constructor(
    readonly source: SecretSourceName,
    readonly reasons: readonly string[],
    readonly found: ReadonlyMap<string, FoundSecret> = new Map(),
  ) {
    super(`Secret source ${source} failed: ${reasons.join('; ')}`);
  }
}

/** Variable names a source may define: what a shell accepts. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A low-level failure in a few words: `ECONNREFUSED`, `ENOENT`, or the message. */
export function describeCause(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const code =
      (error as { code?: unknown }).code ?? (cause as { code?: unknown } | undefined)?.code;
    if (typeof code === 'string') return code;
    if (cause instanceof Error && cause.message) return cause.message;
    return error.message;
  }
  return String(error);
}
