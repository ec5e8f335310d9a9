import { withoutEmptyValues } from '../environment.js';
import { SecretSourceError } from './secret-source.js';
import { readSecretSourceSettings } from './secret-source.settings.js';
import { CONNECTION_STRING_VARIABLES, connectionStringSecrets, isPublicVariable, isSecretVariable, secretParts, } from './secret-variables.js';
import { VERSIONED_SOURCES } from './secrets.constants.js';
import { FileSecretSource } from './sources/file.secret-source.js';
import { MongoDbSecretSource } from './sources/mongodb.secret-source.js';
import { isSecretManagerReference, parseSecretManagerReference, SecretManagerSecretSource, } from './sources/secret-manager.secret-source.js';
import { isVaultReference, parseVaultReference, VaultSecretSource, } from './sources/vault.secret-source.js';
/**
 * Turns an environment with secret references and `_FILE` variables into the
 * plain environment the schema validates, asking the sources in
 * `SECRET_SOURCES` order. Resolving again (a refresh) reads the sources anew.
 */
export class SecretResolver {
    env;
    settings;
    dependencies;
    constructor(env, settings, dependencies) {
        this.env = env;
        this.settings = settings;
        this.dependencies = dependencies;
    }
    /** Reads the sources' settings; a resolver only when they are usable. */
    static async create(env, dependencies = {}) {
        const plain = withoutEmptyValues(env);
        const { settings, problems } = await readSecretSourceSettings(plain);
        return { resolver: new SecretResolver(plain, settings, dependencies), problems };
    }
    async resolve() {
        const { order, optional } = this.settings;
        const problems = [];
        const warnings = [];
        const { plain, secretManager, vault } = this.references(problems);
        const sources = order.map((name) => this.source(name, plain, secretManager, vault));
        const winners = new Map();
        const sensitive = [];
        const tried = [];
        for (const source of sources.filter(({ active }) => active)) {
            let found;
            try {
                found = await source.read((name) => !winners.has(name));
                tried.push(source.name);
            }
            catch (error) {
                const failure = error instanceof SecretSourceError
                    ? error
                    : new SecretSourceError(source.name, [
                        error instanceof Error ? error.message : String(error),
                    ]);
                const message = `Secret source ${source.name} failed: ${failure.reasons.join('; ')}`;
                if (optional.has(source.name)) {
                    warnings.push(`${message} (optional: starting without it)`);
                    tried.push(`${source.name} (failed, optional)`);
                }
                else {
                    problems.push(message);
                    tried.push(`${source.name} (failed)`);
                }
                found = failure.found;
            }
            for (const [name, secret] of found) {
                if (secret.source !== 'env' && !isPublicVariable(name)) {
                    sensitive.push(...secretParts(name, secret.value));
                }
                if (!winners.has(name))
                    winners.set(name, secret);
            }
        }
        // Without `env` in SECRET_SOURCES, secrets may not come from the plain
        // environment; every other variable still does.
        const ignoredFromEnvironment = new Set();
        if (!order.includes('env')) {
            for (const [name, value] of plain) {
                if (isSecretVariable(name)) {
                    sensitive.push(...secretParts(name, value));
                    ignoredFromEnvironment.add(name);
                }
                else if (!winners.has(name)) {
                    winners.set(name, { value, source: 'env', origin: 'environment' });
                }
            }
        }
        const environment = Object.fromEntries([...winners].map(([name, { value }]) => [name, value]));
        const secrets = new Map([...winners].filter(([name, { source }]) => isSecretVariable(name) || (source !== 'env' && !isPublicVariable(name))));
        for (const [name, { value }] of secrets)
            sensitive.push(...secretParts(name, value));
        sensitive.push(...[
            this.settings.vault.token,
            ...CONNECTION_STRING_VARIABLES.flatMap((name) => connectionStringSecrets(environment[name])),
            ...connectionStringSecrets(this.settings.mongodb.uri),
        ].filter((value) => Boolean(value)));
        const skipped = order.filter((name) => !sources.find((source) => source.name === name)?.active);
        return {
            environment,
            secrets,
            sensitive,
            problems,
            warnings,
            tried: [
                tried.join(', ') || 'none',
                skipped.length > 0 ? `not configured: ${skipped.join(', ')}` : '',
            ]
                .filter(Boolean)
                .join('; '),
            versioned: sources.some(({ name, active }) => active && VERSIONED_SOURCES.has(name)),
            ignoredFromEnvironment,
        };
    }
    /** Splits the environment into plain values and references to secret stores. */
    references(problems) {
        const plain = new Map();
        const secretManager = new Map();
        const vault = new Map();
        const { order } = this.settings;
        for (const [name, value] of Object.entries(this.env)) {
            if (isSecretManagerReference(value)) {
                const resource = parseSecretManagerReference(value);
                if (!resource) {
                    problems.push(`${name} is not a valid Secret Manager reference: expected sm://projects/<project>/secrets/<secret>[/versions/<version>]`);
                }
                else if (!order.includes('gsm')) {
                    problems.push(`${name} refers to Google Secret Manager, but SECRET_SOURCES (${order.join(',')}) leaves out gsm`);
                }
                else {
                    secretManager.set(name, resource);
                }
            }
            else if (isVaultReference(value)) {
                const reference = parseVaultReference(value);
                if (!reference) {
                    problems.push(`${name} is not a valid Vault reference: expected vault://<path>#<key>`);
                }
                else if (!order.includes('vault')) {
                    problems.push(`${name} refers to Vault, but SECRET_SOURCES (${order.join(',')}) leaves out vault`);
                }
                else {
                    vault.set(name, reference);
                }
            }
            else {
                plain.set(name, value);
            }
        }
        return { plain, secretManager, vault };
    }
    source(name, plain, secretManager, vault) {
        const { settings, dependencies } = this;
        switch (name) {
            case 'file':
                return new FileSecretSource(this.env, settings.secretsDir);
            case 'gsm':
                return new SecretManagerSecretSource(secretManager, settings.secretManager, settings.timeoutMs, dependencies.createSecretManagerClient);
            case 'vault':
                return new VaultSecretSource(vault, settings.vault, settings.timeoutMs, dependencies.fetch);
            case 'mongodb':
                return new MongoDbSecretSource(settings.mongodb, settings.timeoutMs, dependencies.readSecretDocuments);
            case 'env':
                return new EnvironmentSecretSource(plain);
        }
    }
}
/** The process environment itself: every variable that is not a reference. */
class EnvironmentSecretSource {
    plain;
    name = 'env';
    active = true;
    constructor(plain) {
        this.plain = plain;
    }
    async read(wanted) {
        const found = new Map();
        for (const [name, value] of this.plain) {
            if (wanted(name))
                found.set(name, { value, source: 'env', origin: 'environment' });
        }
        return found;
    }
}
//# sourceMappingURL=secret-resolver.js.map