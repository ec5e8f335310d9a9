import { type Environment, withoutEmptyValues } from '../environment.js';
import { type FoundSecret, type SecretSource, SecretSourceError } from './secret-source.js';
import { readSecretSourceSettings, type SecretSourceSettings } from './secret-source.settings.js';
import {
  CONNECTION_STRING_VARIABLES,
  connectionStringSecrets,
  isPublicVariable,
  isSecretVariable,
  secretParts,
} from './secret-variables.js';
import { type SecretSourceName, VERSIONED_SOURCES } from './secrets.constants.js';
import { FileSecretSource } from './sources/file.secret-source.js';
import { MongoDbSecretSource, type SecretDocumentReader } from './sources/mongodb.secret-source.js';
import {
  isSecretManagerReference,
  parseSecretManagerReference,
  type SecretManagerClientFactory,
  SecretManagerSecretSource,
} from './sources/secret-manager.secret-source.js';
import {
  isVaultReference,
  parseVaultReference,
  type VaultReference,
  VaultSecretSource,
} from './sources/vault.secret-source.js';

/** Stand-ins for the network clients, for tests. */
export interface SecretSourceDependencies {
  readonly fetch?: typeof fetch;
  readonly createSecretManagerClient?: SecretManagerClientFactory;
  readonly readSecretDocuments?: SecretDocumentReader;
}

export interface SecretResolution {
  /** Every variable with the value of the first source that has it; references replaced. */
  readonly environment: Readonly<Record<string, string>>;
  /** The secrets and where each came from: declared secret variables, and whatever a store delivered. */
  readonly secrets: ReadonlyMap<string, FoundSecret>;
  /** Every string to redact: store values (winning or not), source credentials, passwords in URIs. */
  readonly sensitive: readonly string[];
  /** What stops start-up: a required source that failed, a malformed reference. */
  readonly problems: readonly string[];
  /** Optional sources that failed. */
  readonly warnings: readonly string[];
  /** The sources consulted, for messages: `file, vault (failed), env; not configured: gsm, mongodb`. */
  readonly tried: string;
  /** Whether a source whose values can change (gsm, vault, mongodb) was read. */
  readonly versioned: boolean;
  /** Secrets set in the plain environment but ignored because SECRET_SOURCES leaves out env. */
  readonly ignoredFromEnvironment: ReadonlySet<string>;
}

interface ActiveSource extends SecretSource {
  readonly active: boolean;
}

/**
 * Turns an environment with secret references and `_FILE` variables into the
 * plain environment the schema validates, asking the sources in
 * `SECRET_SOURCES` order. Resolving again (a refresh) reads the sources anew.
 */
export class SecretResolver {
  private constructor(
    private readonly env: Readonly<Record<string, string>>,
    readonly settings: SecretSourceSettings,
    private readonly dependencies: SecretSourceDependencies,
  ) {}

  /** Reads the sources' settings; a resolver only when they are usable. */
  static async create(
    env: Environment,
    dependencies: SecretSourceDependencies = {},
  ): Promise<{ resolver: SecretResolver; problems: readonly string[] }> {
    const plain = withoutEmptyValues(env);
    const { settings, problems } = await readSecretSourceSettings(plain);
    return { resolver: new SecretResolver(plain, settings, dependencies), problems };
  }

  async resolve(): Promise<SecretResolution> {
    const { order, optional } = this.settings;
    const problems: string[] = [];
    const warnings: string[] = [];
    const { plain, secretManager, vault } = this.references(problems);

    const sources: ActiveSource[] = order.map((name) =>
      this.source(name, plain, secretManager, vault),
    );
    const winners = new Map<string, FoundSecret>();
    const sensitive: string[] = [];
    const tried: string[] = [];

    for (const source of sources.filter(({ active }) => active)) {
      let found: ReadonlyMap<string, FoundSecret>;
      try {
        found = await source.read((name) => !winners.has(name));
        tried.push(source.name);
      } catch (error) {
        const failure =
          error instanceof SecretSourceError
            ? error
            : new SecretSourceError(source.name, [
                error instanceof Error ? error.message : String(error),
              ]);
        const message = `Secret source ${source.name} failed: ${failure.reasons.join('; ')}`;
        if (optional.has(source.name)) {
          warnings.push(`${message} (optional: starting without it)`);
          tried.push(`${source.name} (failed, optional)`);
        } else {
          problems.push(message);
          tried.push(`${source.name} (failed)`);
        }
        found = failure.found;
      }
      for (const [name, secret] of found) {
        if (secret.source !== 'env' && !isPublicVariable(name)) {
          sensitive.push(...secretParts(name, secret.value));
        }
        if (!winners.has(name)) winners.set(name, secret);
      }
    }

    // Without `env` in SECRET_SOURCES, secrets may not come from the plain
    // environment; every other variable still does.
    const ignoredFromEnvironment = new Set<string>();
    if (!order.includes('env')) {
      for (const [name, value] of plain) {
        if (isSecretVariable(name)) {
          sensitive.push(...secretParts(name, value));
          ignoredFromEnvironment.add(name);
        } else if (!winners.has(name)) {
          winners.set(name, { value, source: 'env', origin: 'environment' });
        }
      }
    }

    const environment = Object.fromEntries([...winners].map(([name, { value }]) => [name, value]));
    const secrets = new Map(
      [...winners].filter(
        ([name, { source }]) =>
          isSecretVariable(name) || (source !== 'env' && !isPublicVariable(name)),
      ),
    );
    for (const [name, { value }] of secrets) sensitive.push(...secretParts(name, value));
    sensitive.push(
      ...[
        this.settings.vault.token,
        ...CONNECTION_STRING_VARIABLES.flatMap((name) =>
          connectionStringSecrets(environment[name]),
        ),
        ...connectionStringSecrets(this.settings.mongodb.uri),
      ].filter((value): value is string => Boolean(value)),
    );

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
  private references(problems: string[]) {
    const plain = new Map<string, string>();
    const secretManager = new Map<string, string>();
    const vault = new Map<string, VaultReference>();
    const { order } = this.settings;
    for (const [name, value] of Object.entries(this.env)) {
      if (isSecretManagerReference(value)) {
        const resource = parseSecretManagerReference(value);
        if (!resource) {
          problems.push(
            `${name} is not a valid Secret Manager reference: expected sm://projects/<project>/secrets/<secret>[/versions/<version>]`,
          );
        } else if (!order.includes('gsm')) {
          problems.push(
            `${name} refers to Google Secret Manager, but SECRET_SOURCES (${order.join(',')}) leaves out gsm`,
          );
        } else {
          secretManager.set(name, resource);
        }
      } else if (isVaultReference(value)) {
        const reference = parseVaultReference(value);
        if (!reference) {
          problems.push(`${name} is not a valid Vault reference: expected vault://<path>#<key>`);
        } else if (!order.includes('vault')) {
          problems.push(
            `${name} refers to Vault, but SECRET_SOURCES (${order.join(',')}) leaves out vault`,
          );
        } else {
          vault.set(name, reference);
        }
      } else {
        plain.set(name, value);
      }
    }
    return { plain, secretManager, vault };
  }

  private source(
    name: SecretSourceName,
    plain: ReadonlyMap<string, string>,
    secretManager: ReadonlyMap<string, string>,
    vault: ReadonlyMap<string, VaultReference>,
  ): ActiveSource {
    const { settings, dependencies } = this;
    switch (name) {
      case 'file':
        return new FileSecretSource(this.env, settings.secretsDir);
      case 'gsm':
        return new SecretManagerSecretSource(
          secretManager,
          settings.secretManager,
          settings.timeoutMs,
          dependencies.createSecretManagerClient,
        );
      case 'vault':
        return new VaultSecretSource(vault, settings.vault, settings.timeoutMs, dependencies.fetch);
      case 'mongodb':
        return new MongoDbSecretSource(
          settings.mongodb,
          settings.timeoutMs,
          dependencies.readSecretDocuments,
        );
      case 'env':
        return new EnvironmentSecretSource(plain);
    }
  }
}

/** The process environment itself: every variable that is not a reference. */
class EnvironmentSecretSource implements ActiveSource {
  readonly name = 'env';
  readonly active = true;

  constructor(private readonly plain: ReadonlyMap<string, string>) {}

  async read(wanted: (name: string) => boolean): Promise<Map<string, FoundSecret>> {
    const found = new Map<string, FoundSecret>();
    for (const [name, value] of this.plain) {
      if (wanted(name)) found.set(name, { value, source: 'env', origin: 'environment' });
    }
    return found;
  }
}
