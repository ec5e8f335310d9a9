/** Every place a secret can come from, by the name `SECRET_SOURCES` uses. */
export const SECRET_SOURCE_NAMES = ['file', 'gsm', 'vault', 'mongodb', 'env'];
/** `SECRET_SOURCES` when unset: the first source that has a variable wins. */
export const DEFAULT_SECRET_SOURCES = [
    'file',
    'gsm',
    'vault',
    'mongodb',
    'env',
];
/** Sources whose values can change while the worker runs, so a refresh may find a new one. */
export const VERSIONED_SOURCES = new Set([
    'gsm',
    'vault',
    'mongodb',
]);
/** How long one source may take to answer at start-up or on a refresh, in ms (`SECRET_SOURCE_TIMEOUT_MS`). */
export const DEFAULT_SOURCE_TIMEOUT_MS = 10_000;
/** The KV v2 mount read when `VAULT_MOUNT` is unset. */
export const DEFAULT_VAULT_MOUNT = 'secret';
/** The collection read when `SECRETS_COLLECTION` is unset (the old worker's). */
export const DEFAULT_SECRETS_COLLECTION = 'secrets';
/** What a secret value becomes in logs, errors, health details and events. */
export const REDACTED = '[redacted]';
/**
 * Values shorter than this are not redacted: masking every "on" or "1" would
 * destroy the logs and protect nothing worth protecting.
 */
export const MIN_REDACTED_LENGTH = 4;
/** Value prefixes that make a variable a reference to a secret held elsewhere. */
export const SECRET_MANAGER_SCHEME = 'sm://';
export const VAULT_SCHEME = 'vault://';
//# sourceMappingURL=secrets.constants.js.map