import { describeCause, SecretSourceError, VARIABLE_NAME, } from '../secret-source.js';
import { VAULT_SCHEME } from '../secrets.constants.js';
const REFERENCE = /^vault:\/\/([A-Za-z0-9_.@-]+(?:\/[A-Za-z0-9_.@-]+)*)\/?(?:#([^#\s]+))?$/;
/** `vault://path#key` → `{ path, key }`, or undefined when it is malformed. */
export function parseVaultReference(value) {
    const match = REFERENCE.exec(value);
    return match ? { path: match[1], key: match[2] } : undefined;
}
export function isVaultReference(value) {
    return value.startsWith(VAULT_SCHEME);
}
/**
 * HashiCorp Vault, KV version 2: `vault://path#key` values, and every key of
 * `VAULT_SECRETS_PATH` as a variable (what the old worker loaded). Reads
 * `GET {VAULT_ADDR}/v1/{mount}/data/{prefix}/{path}` with `X-Vault-Token`;
 * each path is read once however many variables refer to it.
 */
export class VaultSecretSource {
    references;
    settings;
    timeoutMs;
    fetchFn;
    name = 'vault';
    constructor(references, settings, timeoutMs, fetchFn = fetch) {
        this.references = references;
        this.settings = settings;
        this.timeoutMs = timeoutMs;
        this.fetchFn = fetchFn;
    }
    get active() {
        return this.references.size > 0 || this.settings.secretsPath !== undefined;
    }
    async read(wanted) {
        const pending = [...this.references].filter(([name]) => wanted(name));
        const { secretsPath } = this.settings;
        const found = new Map();
        if (pending.length === 0 && secretsPath === undefined)
            return found;
        const missing = [
            this.settings.address ? undefined : 'VAULT_ADDR is not set',
            this.settings.token ? undefined : 'VAULT_TOKEN (or VAULT_TOKEN_FILE) is not set',
        ].filter((problem) => problem !== undefined);
        if (missing.length > 0)
            throw new SecretSourceError('vault', missing);
        const reads = new Map();
        const readOnce = (path) => {
            if (!reads.has(path))
                reads.set(path, this.readPath(path));
            return reads.get(path);
        };
        const failures = [];
        await Promise.all(pending.map(async ([name, reference]) => {
            const key = reference.key ?? name;
            try {
                const secret = await readOnce(reference.path);
                if (!(key in secret.data)) {
                    failures.push(`${name}: ${this.describe(reference.path)} has no key ${key}`);
                    return;
                }
                found.set(name, {
                    value: asString(secret.data[key]),
                    source: 'vault',
                    origin: `${this.describe(reference.path)}#${key}${versionNote(secret)}`,
                });
            }
            catch (error) {
                failures.push(`${name}: ${messageOf(error)}`);
            }
        }));
        if (secretsPath !== undefined) {
            try {
                const secret = await readOnce(secretsPath);
                for (const [key, value] of Object.entries(secret.data)) {
                    if (!VARIABLE_NAME.test(key) || found.has(key) || !wanted(key))
                        continue;
                    found.set(key, {
                        value: asString(value),
                        source: 'vault',
                        origin: `${this.describe(secretsPath)}#${key}${versionNote(secret)}`,
                    });
                }
            }
            catch (error) {
                failures.push(`VAULT_SECRETS_PATH: ${messageOf(error)}`);
            }
        }
        if (failures.length > 0)
            throw new SecretSourceError('vault', [...new Set(failures)].sort(), found);
        return found;
    }
    async readPath(path) {
        const { address, token, namespace, mount } = this.settings;
        const url = `${address}/v1/${mount}/data/${this.fullPath(path)
            .split('/')
            .map(encodeURIComponent)
            .join('/')}`;
        let response;
        try {
            response = await this.fetchFn(url, {
                headers: {
                    'X-Vault-Token': token,
                    ...(namespace ? { 'X-Vault-Namespace': namespace } : {}),
                },
                signal: AbortSignal.timeout(this.timeoutMs),
            });
        }
        catch (error) {
            const timedOut = error instanceof Error && error.name === 'TimeoutError';
            throw new Error(timedOut
                ? `${address} did not answer within ${this.timeoutMs} ms`
                : `${address} cannot be reached (${describeCause(error)})`, { cause: error });
        }
        const body = (await response.json().catch(() => undefined));
        if (response.status === 403) {
            throw new Error(`permission denied reading ${this.describe(path)} (HTTP 403): check VAULT_TOKEN and its policy`);
        }
        if (response.status === 404) {
            throw new Error(`${this.describe(path)} does not exist or its latest version is deleted (HTTP 404)`);
        }
        if (!response.ok) {
            const errors = Array.isArray(body?.errors) ? `: ${body.errors.map(String).join('; ')}` : '';
            throw new Error(`reading ${this.describe(path)} failed with HTTP ${response.status}${errors}`);
        }
        const data = body?.data?.data;
        if (data === null || typeof data !== 'object' || Array.isArray(data)) {
            throw new Error(`${this.describe(path)} is not a KV version 2 secret: is ${mount} a KV v2 mount?`);
        }
        const version = body?.data?.metadata?.version;
        return {
            data: data,
            version: typeof version === 'number' ? version : undefined,
        };
    }
    fullPath(path) {
        return [this.settings.pathPrefix, path].filter(Boolean).join('/');
    }
    /** `secret/report-worker/app`: mount and path as an operator types them in `vault kv get`. */
    describe(path) {
        return `${this.settings.mount}/${this.fullPath(path)}`;
    }
}
function asString(value) {
    return typeof value === 'string' ? value : JSON.stringify(value);
}
function versionNote(secret) {
    return secret.version === undefined ? '' : ` (version ${secret.version})`;
}
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}
//# sourceMappingURL=vault.secret-source.js.map