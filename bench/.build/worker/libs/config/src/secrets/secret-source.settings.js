import { readFile } from 'node:fs/promises';
import { DEFAULT_MONGODB_DB } from '../environment.schema.js';
import { describeCause } from './secret-source.js';
import { DEFAULT_SECRET_SOURCES, DEFAULT_SECRETS_COLLECTION, DEFAULT_SOURCE_TIMEOUT_MS, DEFAULT_VAULT_MOUNT, SECRET_SOURCE_NAMES, } from './secrets.constants.js';
const HOST_PORT = /^([^\s:/]+):(\d{1,5})$/;
const DATABASE_NAME = /^[^/\\. "$]{1,63}$/;
/** Reads and checks the settings, returning every problem at once. */
export async function readSecretSourceSettings(env) {
    const problems = [];
    const credential = async (name) => {
        const path = env[`${name}_FILE`];
        if (path === undefined)
            return env[name];
        try {
            return withoutTrailingNewline(await readFile(path, 'utf8'));
        }
        catch (error) {
            problems.push(`${name}_FILE names ${path}, which cannot be read (${describeCause(error)})`);
            return undefined;
        }
    };
    const order = sourceList(env, 'SECRET_SOURCES', problems) ?? DEFAULT_SECRET_SOURCES;
    const optional = sourceList(env, 'SECRET_SOURCES_OPTIONAL', problems) ?? [];
    const emulatorHost = hostPort(env, 'SECRET_MANAGER_EMULATOR_HOST', problems);
    const endpoint = hostPort(env, 'SECRET_MANAGER_ENDPOINT', problems, 443);
    if (emulatorHost && endpoint) {
        problems.push('Set SECRET_MANAGER_ENDPOINT or SECRET_MANAGER_EMULATOR_HOST, not both');
    }
    const address = env.VAULT_ADDR?.replace(/\/+$/, '');
    if (address !== undefined && !/^https?:\/\/[^\s/]+/.test(address)) {
        problems.push(`VAULT_ADDR must be an http:// or https:// address, got "${address}"`);
    }
    const mongoDbName = env.SECRETS_MONGODB_DB ?? env.MONGODB_DB ?? DEFAULT_MONGODB_DB;
    if (!DATABASE_NAME.test(mongoDbName)) {
        problems.push(`SECRETS_MONGODB_DB must be a database name of at most 63 characters without / \\ . space " or $, got "${mongoDbName}"`);
    }
    const mongoEnabled = env.SECRETS_MONGODB_URI !== undefined ||
        env.SECRETS_MONGODB_DB !== undefined ||
        env.SECRETS_MONGODB_URI_FILE !== undefined;
    const settings = {
        order,
        optional: new Set(optional),
        timeoutMs: integer(env, 'SECRET_SOURCE_TIMEOUT_MS', DEFAULT_SOURCE_TIMEOUT_MS, 100, 120_000, problems),
        refreshIntervalMs: refreshInterval(env, problems),
        secretsDir: env.SECRETS_DIR,
        secretManager: { endpoint, emulatorHost },
        vault: {
            address,
            token: await credential('VAULT_TOKEN'),
            namespace: env.VAULT_NAMESPACE,
            mount: trimSlashes(env.VAULT_MOUNT ?? DEFAULT_VAULT_MOUNT),
            pathPrefix: trimSlashes(env.VAULT_PATH_PREFIX ?? ''),
            secretsPath: env.VAULT_SECRETS_PATH === undefined ? undefined : trimSlashes(env.VAULT_SECRETS_PATH),
        },
        mongodb: {
            enabled: mongoEnabled,
            uri: mongoEnabled
                ? ((await credential('SECRETS_MONGODB_URI')) ?? (await credential('MONGODB_URI')))
                : undefined,
            dbName: mongoDbName,
            collection: env.SECRETS_COLLECTION ?? DEFAULT_SECRETS_COLLECTION,
            appEnv: env.APP_ENV,
        },
    };
    return { settings, problems };
}
/** Docker and Kubernetes secret files usually end with the newline of the editor or `echo`. */
export function withoutTrailingNewline(text) {
    return text.replace(/\r?\n$/, '');
}
function sourceList(env, name, problems) {
    const raw = env[name];
    if (raw === undefined)
        return undefined;
    const items = raw
        .split(',')
        .map((item) => item.trim().toLowerCase())
        .filter(Boolean);
    const unknown = items.filter((item) => !SECRET_SOURCE_NAMES.includes(item));
    if (unknown.length > 0) {
        problems.push(`${name} must list sources among ${SECRET_SOURCE_NAMES.join(', ')}, separated by commas; unknown: ${unknown.join(', ')}`);
    }
    const duplicates = items.filter((item, index) => items.indexOf(item) !== index);
    if (duplicates.length > 0) {
        problems.push(`${name} names ${[...new Set(duplicates)].join(', ')} more than once`);
    }
    return [...new Set(items)].filter((item) => SECRET_SOURCE_NAMES.includes(item));
}
function hostPort(env, name, problems, defaultPort) {
    const raw = env[name];
    if (raw === undefined)
        return undefined;
    const match = HOST_PORT.exec(raw);
    if (match)
        return { host: match[1], port: Number(match[2]) };
    if (defaultPort !== undefined && /^[^\s:/]+$/.test(raw))
        return { host: raw, port: defaultPort };
    problems.push(`${name} must be host:port, e.g. localhost:9090, got "${raw}"`);
    return undefined;
}
function integer(env, name, fallback, min, max, problems) {
    const raw = env[name];
    if (raw === undefined)
        return fallback;
    const value = /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
    if (value >= min && value <= max)
        return value;
    problems.push(`${name} must be a whole number between ${min} and ${max}, got "${raw}"`);
    return fallback;
}
function refreshInterval(env, problems) {
    const raw = env.SECRETS_REFRESH_INTERVAL_MS;
    if (raw === undefined || raw.trim() === '0')
        return 0;
    const value = /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
    if (value >= 1_000 && value <= 86_400_000)
        return value;
    problems.push(`SECRETS_REFRESH_INTERVAL_MS must be 0 (never) or a whole number between 1000 and 86400000, got "${raw}"`);
    return 0;
}
function trimSlashes(path) {
    return path.replace(/^\/+|\/+$/g, '');
}
//# sourceMappingURL=secret-source.settings.js.map