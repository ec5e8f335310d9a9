import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigValidationError } from './config-validation.error.js';
import { loadConfig } from './load-config.js';
import { resolveConfig } from './resolve-config.js';
import type { SecretSourceDependencies } from './secrets/secret-resolver.js';
import type { SecretManagerAccess } from './secrets/sources/secret-manager.secret-source.js';

/** The runs API is off here: its required secrets have tests of their own. */
const base = {
  GOOGLE_CLOUD_PROJECT: 'acme-reports',
  MONGODB_URI: 'mongodb://db.internal:27017',
  RUNS_API_ENABLED: 'false',
  REPORT_SENDER_EMAIL: 'reports@acme.example',
};
const vaultBase = { VAULT_ADDR: 'http://vault.internal:8200', VAULT_TOKEN: 'hvs.test-token' };
const SM_PASSWORD = 'projects/acme/secrets/smtp-password/versions/latest';

async function problemsOf(
  env: Record<string, string | undefined>,
  dependencies?: SecretSourceDependencies,
): Promise<readonly string[]> {
  try {
    await resolveConfig(env, { dependencies });
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'secrets-spec-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function secretFile(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe('resolveConfig: each source', () => {
  it('reads NAME_FILE, dropping one trailing newline', async () => {
    const config = await resolveConfig({
      ...base,
      SMTP_PASSWORD_FILE: await secretFile('smtp-password', 'from-a-file\n'),
      SIGNING_SECRET_FILE: await secretFile('signing', `${'k'.repeat(32)}\n\n`),
    });
    expect(config.email.smtp.password).toBe('from-a-file');
    expect(config.downloadLinks.signingSecret).toBe(`${'k'.repeat(32)}\n`);
    expect(config.secrets.describe()).toContainEqual({
      name: 'SMTP_PASSWORD',
      source: 'file',
      origin: `SMTP_PASSWORD_FILE=${join(dir, 'smtp-password')}`,
    });
  });

  it('reads a SECRETS_DIR folder, file names in upper or lower case', async () => {
    const folder = await mkdtemp(join(dir, 'run-secrets-'));
    await writeFile(join(folder, 'sendgrid_api_key'), 'SG.lower-case-name\n');
    await writeFile(join(folder, 'API_TOKENS'), 'token-one,token-two');
    await writeFile(join(folder, 'not a variable'), 'ignored');
    const config = await resolveConfig({ ...base, SECRETS_DIR: folder });
    expect(config.email.sendgridApiKey).toBe('SG.lower-case-name');
    expect(config.runsApi.tokens).toEqual(['token-one', 'token-two']);
  });

  it('replaces an sm:// reference with the Secret Manager payload, version latest by default', async () => {
    const { dependencies, calls } = fakeStores({ gsm: { [SM_PASSWORD]: 'from-secret-manager' } });
    const config = await resolveConfig(
      { ...base, SMTP_PASSWORD: 'sm://projects/acme/secrets/smtp-password' },
      { dependencies },
    );
    expect(config.email.smtp.password).toBe('from-secret-manager');
    expect(calls.gsm).toEqual([SM_PASSWORD]);
    expect(config.secrets.describe()).toContainEqual({
      name: 'SMTP_PASSWORD',
      source: 'gsm',
      origin: 'projects/acme/secrets/smtp-password/versions/1',
    });
  });

  it('replaces a vault://path#key reference and loads every key of VAULT_SECRETS_PATH', async () => {
    const { dependencies, calls } = fakeStores({
      vaultToken: 'hvs.test-token',
      vault: {
        '/v1/kv/data/report-worker/prod/smtp': { password: 'from-vault-ref' },
        '/v1/kv/data/report-worker/prod/app': {
          SENDGRID_API_KEY: 'SG.from-vault-path',
          MONGODB_DB: 'reports',
        },
      },
    });
    const config = await resolveConfig(
      {
        ...base,
        ...vaultBase,
        VAULT_MOUNT: 'kv',
        VAULT_PATH_PREFIX: '/report-worker/prod/',
        VAULT_SECRETS_PATH: 'app',
        SMTP_PASSWORD: 'vault://smtp#password',
      },
      { dependencies },
    );
    expect(config.email.smtp.password).toBe('from-vault-ref');
    expect(config.email.sendgridApiKey).toBe('SG.from-vault-path');
    expect(config.mongodb.dbName).toBe('reports');
    expect(calls.vault.map(({ token }) => token)).toEqual(['hvs.test-token', 'hvs.test-token']);
    expect(config.secrets.describe()).toContainEqual({
      name: 'SMTP_PASSWORD',
      source: 'vault',
      origin: 'kv/report-worker/prod/smtp#password (version 7)',
    });
  });

  it('uses the variable name as key when a vault reference has no #key', async () => {
    const { dependencies } = fakeStores({
      vault: { '/v1/secret/data/mail': { SENDGRID_API_KEY: 'SG.key-by-name' } },
    });
    const config = await resolveConfig(
      { ...base, ...vaultBase, SENDGRID_API_KEY: 'vault://mail' },
      { dependencies },
    );
    expect(config.email.sendgridApiKey).toBe('SG.key-by-name');
  });

  it('reads the MongoDB secrets collection for APP_ENV only', async () => {
    const { dependencies } = fakeStores({
      documents: [
        { name: 'SENDGRID_API_KEY', environment: 'staging', value: 'SG.staging-key' },
        { name: 'SENDGRID_API_KEY', environment: 'production', value: 'SG.production-key' },
      ],
    });
    const config = await resolveConfig(
      { ...base, SECRETS_MONGODB_DB: 'ops', APP_ENV: 'staging' },
      { dependencies },
    );
    expect(config.email.sendgridApiKey).toBe('SG.staging-key');
  });

  it('takes a secret from the plain environment last', async () => {
    const config = await resolveConfig({ ...base, SENDGRID_API_KEY: 'SG.plain' });
    expect(config.email.sendgridApiKey).toBe('SG.plain');
    expect(config.secrets.describe()).toEqual([
      { name: 'SENDGRID_API_KEY', source: 'env', origin: 'environment' },
    ]);
  });
});

describe('resolveConfig: order', () => {
  const stores = (): FakeStores => ({
    vault: { '/v1/secret/data/app': { SENDGRID_API_KEY: 'SG.from-vault' } },
    documents: [{ name: 'SENDGRID_API_KEY', environment: 'prod', value: 'SG.from-mongodb' }],
  });
  const env = {
    ...base,
    ...vaultBase,
    VAULT_SECRETS_PATH: 'app',
    SECRETS_MONGODB_DB: 'ops',
    APP_ENV: 'prod',
  };

  it('lets the first source in the default order win: vault before mongodb', async () => {
    const { dependencies } = fakeStores(stores());
    expect((await resolveConfig(env, { dependencies })).email.sendgridApiKey).toBe('SG.from-vault');
  });

  it('honours SECRET_SOURCES', async () => {
    const { dependencies } = fakeStores(stores());
    const config = await resolveConfig(
      { ...env, SECRET_SOURCES: 'mongodb, vault, env' },
      { dependencies },
    );
    expect(config.email.sendgridApiKey).toBe('SG.from-mongodb');
  });

  it('lets NAME_FILE win over the plain variable', async () => {
    const config = await resolveConfig({
      ...base,
      SENDGRID_API_KEY: 'SG.plain',
      SENDGRID_API_KEY_FILE: await secretFile('sendgrid', 'SG.from-file'),
    });
    expect(config.email.sendgridApiKey).toBe('SG.from-file');
  });

  it('lets the plain variable win when env comes first', async () => {
    const config = await resolveConfig({
      ...base,
      SECRET_SOURCES: 'env,file',
      SENDGRID_API_KEY: 'SG.plain',
      SENDGRID_API_KEY_FILE: await secretFile('sendgrid', 'SG.from-file'),
    });
    expect(config.email.sendgridApiKey).toBe('SG.plain');
  });

  it('never fetches a reference an earlier source already answered', async () => {
    const { dependencies, calls } = fakeStores({ gsm: {} });
    const config = await resolveConfig(
      {
        ...base,
        SMTP_PASSWORD: 'sm://projects/acme/secrets/smtp-password',
        SMTP_PASSWORD_FILE: await secretFile('smtp', 'from-a-file'),
      },
      { dependencies },
    );
    expect(config.email.smtp.password).toBe('from-a-file');
    expect(calls.gsm).toEqual([]);
  });

  it('keeps secrets out of the plain environment when SECRET_SOURCES leaves out env, but not other variables', async () => {
    const problems = await problemsOf({
      ...base,
      SECRET_SOURCES: 'file',
      EMAIL_TRANSPORT: 'sendgrid',
      SENDGRID_API_KEY: 'SG.plain-but-refused',
    });
    expect(problems).toEqual([
      'SENDGRID_API_KEY is required when EMAIL_TRANSPORT=sendgrid: SendGrid API key; no secret source has it ' +
        '(tried: none; not configured: file); it is set in the environment, but SECRET_SOURCES leaves out env',
    ]);
  });
});

describe('resolveConfig: required secrets', () => {
  it('names each missing secret and the sources tried, and prints no value', async () => {
    const { dependencies } = fakeStores({
      vault: { '/v1/secret/data/app': { OTHER: 'vault-other-value' } },
    });
    const problems = await problemsOf(
      {
        ...base,
        ...vaultBase,
        VAULT_SECRETS_PATH: 'app',
        EMAIL_TRANSPORT: 'smtp',
        SMTP_HOST: 'smtp.acme.test',
        SMTP_USER: 'reports@acme.test',
        RUNS_API_ENABLED: 'true',
        SIGNING_SECRET: 'a-signing-secret-of-at-least-32-chars',
      },
      dependencies,
    );
    expect(problems).toEqual([
      'SMTP_PASSWORD is required when EMAIL_TRANSPORT=smtp and SMTP_USER is set: password of SMTP_USER on the SMTP server; ' +
        'no secret source has it (tried: vault, env; not configured: file, gsm, mongodb)',
      'API_TOKENS is required when the runs API is enabled (RUNS_API_ENABLED, default true): bearer tokens accepted by the runs API, separated by commas; ' +
        'no secret source has it (tried: vault, env; not configured: file, gsm, mongodb)',
    ]);
    const text = problems.join('\n');
    for (const value of [
      'hvs.test-token',
      'vault-other-value',
      'a-signing-secret-of-at-least-32-chars',
    ]) {
      expect(text).not.toContain(value);
    }
  });

  it('requires SENDGRID_API_KEY with EMAIL_TRANSPORT=sendgrid and nothing when e-mail is not configured', async () => {
    expect(await problemsOf({ ...base, EMAIL_TRANSPORT: 'sendgrid' })).toEqual([
      expect.stringMatching(/^SENDGRID_API_KEY is required when EMAIL_TRANSPORT=sendgrid/),
    ]);
    await expect(resolveConfig(base)).resolves.toMatchObject({
      email: { transport: undefined },
      runsApi: { enabled: false, tokens: [] },
    });
  });

  it('refuses an invalid secret without quoting it', async () => {
    const problems = await problemsOf({ ...base, SIGNING_SECRET: 'too-short-secret' });
    expect(problems).toEqual(['SIGNING_SECRET must be at least 32 characters long']);
  });
});

describe('resolveConfig: failing sources', () => {
  it('refuses to start when a source cannot be reached, naming the source and the reason', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    });
    const { dependencies } = fakeStores({ vault: { '/v1/secret/data/app': refused } });
    const problems = await problemsOf(
      { ...base, ...vaultBase, VAULT_SECRETS_PATH: 'app' },
      dependencies,
    );
    expect(problems).toEqual([
      'Secret source vault failed: VAULT_SECRETS_PATH: http://vault.internal:8200 cannot be reached (ECONNREFUSED)',
    ]);
  });

  it('starts without an optional source, with a warning, as long as no required secret is missing', async () => {
    const { dependencies } = fakeStores({
      mongoError: new Error('Server selection timed out after 100 ms'),
    });
    const env = {
      ...base,
      SECRETS_MONGODB_DB: 'ops',
      APP_ENV: 'prod',
      SECRET_SOURCES_OPTIONAL: 'mongodb',
    };
    const config = await resolveConfig(env, { dependencies });
    expect(config.secrets.warnings).toEqual([
      'Secret source mongodb failed: ops.secrets cannot be read (Server selection timed out after 100 ms) (optional: starting without it)',
    ]);

    const problems = await problemsOf({ ...env, EMAIL_TRANSPORT: 'sendgrid' }, dependencies);
    expect(problems).toEqual([
      expect.stringContaining('(tried: mongodb (failed, optional), env; not configured'),
    ]);
  });

  it('refuses a wrong Vault token with a clear reason', async () => {
    const { dependencies } = fakeStores({
      vaultToken: 'the-right-token',
      vault: { '/v1/secret/data/app': { SENDGRID_API_KEY: 'SG.x' } },
    });
    const problems = await problemsOf(
      { ...base, ...vaultBase, SENDGRID_API_KEY: 'vault://app' },
      dependencies,
    );
    expect(problems).toEqual([
      'Secret source vault failed: SENDGRID_API_KEY: permission denied reading secret/app (HTTP 403): check VAULT_TOKEN and its policy',
    ]);
    expect(problems.join()).not.toContain('the-right-token');
  });

  it('explains a missing or denied Secret Manager secret', async () => {
    const { dependencies } = fakeStores({ gsm: { 'projects/acme/secrets/denied/versions/2': 7 } });
    const problems = await problemsOf(
      {
        ...base,
        SMTP_PASSWORD: 'sm://projects/acme/secrets/missing',
        SENDGRID_API_KEY: 'sm://projects/acme/secrets/denied/versions/2',
      },
      dependencies,
    );
    expect(problems).toEqual([
      'Secret source gsm failed: ' +
        'SENDGRID_API_KEY (sm://projects/acme/secrets/denied/versions/2): access denied: the service account needs roles/secretmanager.secretAccessor on the secret (PERMISSION_DENIED); ' +
        'SMTP_PASSWORD (sm://projects/acme/secrets/missing/versions/latest): the secret or version does not exist (NOT_FOUND)',
    ]);
  });

  it('refuses Vault without an address or token', async () => {
    const problems = await problemsOf({ ...base, SMTP_PASSWORD: 'vault://smtp#password' });
    expect(problems).toEqual([
      'Secret source vault failed: VAULT_ADDR is not set; VAULT_TOKEN (or VAULT_TOKEN_FILE) is not set',
    ]);
  });

  it('refuses an unreadable NAME_FILE', async () => {
    const missing = join(dir, 'does-not-exist');
    const problems = await problemsOf({ ...base, SMTP_PASSWORD_FILE: missing });
    expect(problems).toEqual([
      `Secret source file failed: SMTP_PASSWORD_FILE names ${missing}, which cannot be read (ENOENT)`,
    ]);
  });

  it('redacts secret values that a source error message would carry', async () => {
    const { dependencies } = fakeStores({
      mongoError: new Error('auth failed for mongodb://app:db-password-9@db.internal'),
    });
    const problems = await problemsOf(
      {
        ...base,
        SECRETS_MONGODB_URI: 'mongodb://app:db-password-9@db.internal',
        SECRETS_MONGODB_DB: 'ops',
        APP_ENV: 'prod',
      },
      dependencies,
    );
    expect(problems.join()).toContain('mongodb://app:[redacted]@db.internal');
    expect(problems.join()).not.toContain('db-password-9');
  });
});

describe('resolveConfig: settings and references', () => {
  it.each([
    [
      { SECRET_SOURCES: 'file,s3' },
      'SECRET_SOURCES must list sources among file, gsm, vault, mongodb, env, separated by commas; unknown: s3',
    ],
    [
      { SECRET_SOURCES_OPTIONAL: 'vaults' },
      'SECRET_SOURCES_OPTIONAL must list sources among file, gsm, vault, mongodb, env, separated by commas; unknown: vaults',
    ],
    [
      { SECRETS_REFRESH_INTERVAL_MS: '10' },
      'SECRETS_REFRESH_INTERVAL_MS must be 0 (never) or a whole number between 1000 and 86400000, got "10"',
    ],
    [
      { SECRET_SOURCE_TIMEOUT_MS: 'soon' },
      'SECRET_SOURCE_TIMEOUT_MS must be a whole number between 100 and 120000, got "soon"',
    ],
    [
      { SECRET_MANAGER_EMULATOR_HOST: 'http://x' },
      'SECRET_MANAGER_EMULATOR_HOST must be host:port, e.g. localhost:9090, got "http://x"',
    ],
    [
      { VAULT_ADDR: 'vault:8200' },
      'VAULT_ADDR must be an http:// or https:// address, got "vault:8200"',
    ],
    [
      { SMTP_PASSWORD: 'sm://secrets/x' },
      'SMTP_PASSWORD is not a valid Secret Manager reference: expected sm://projects/<project>/secrets/<secret>[/versions/<version>]',
    ],
    [
      { SMTP_PASSWORD: 'vault://' },
      'SMTP_PASSWORD is not a valid Vault reference: expected vault://<path>#<key>',
    ],
    [
      { SECRET_SOURCES: 'file,env', SMTP_PASSWORD: 'vault://smtp#password' },
      'SMTP_PASSWORD refers to Vault, but SECRET_SOURCES (file,env) leaves out vault',
    ],
  ])('refuses %o with a plain message', async (override, message) => {
    expect(await problemsOf({ ...base, ...override })).toEqual([message]);
  });

  it('reads VAULT_TOKEN from VAULT_TOKEN_FILE', async () => {
    const { dependencies, calls } = fakeStores({
      vault: { '/v1/secret/data/app': { SENDGRID_API_KEY: 'SG.x' } },
    });
    await resolveConfig(
      {
        ...base,
        VAULT_ADDR: 'http://vault.internal:8200',
        VAULT_TOKEN_FILE: await secretFile('vault-token', 'hvs.from-file\n'),
        VAULT_SECRETS_PATH: 'app',
      },
      { dependencies },
    );
    expect(calls.vault).toEqual([
      { url: 'http://vault.internal:8200/v1/secret/data/app', token: 'hvs.from-file' },
    ]);
  });
});

describe('resolveConfig: the redactor', () => {
  it('knows every loaded secret, the items of API_TOKENS, the Vault token and passwords in connection strings', async () => {
    const { dependencies } = fakeStores({
      vault: {
        '/v1/secret/data/app': {
          SENDGRID_API_KEY: 'SG.vault-key',
          UNKNOWN_NAME: 'store-only-value',
          MONGODB_DB: 'reports',
        },
      },
    });
    const config = await resolveConfig(
      {
        ...base,
        ...vaultBase,
        MONGODB_URI: 'mongodb://app:mongo-pass@db.internal:27017',
        VAULT_SECRETS_PATH: 'app',
        API_TOKENS: 'token-alpha, token-beta',
      },
      { dependencies },
    );
    const { redact } = config.secrets.redactor;
    expect(
      redact(
        'SG.vault-key store-only-value hvs.test-token token-beta mongodb://app:mongo-pass@db reports',
      ),
    ).toBe('[redacted] [redacted] [redacted] [redacted] mongodb://app:[redacted]@db reports');
  });
});

describe('Secrets.refresh', () => {
  it('applies a rotated value, tells the subscribers and teaches the redactor', async () => {
    const stores: FakeStores = {
      vault: { '/v1/secret/data/app': { SENDGRID_API_KEY: 'SG.first' } },
    };
    const { dependencies } = fakeStores(stores);
    const config = await resolveConfig(
      { ...base, ...vaultBase, VAULT_SECRETS_PATH: 'app', SECRETS_REFRESH_INTERVAL_MS: '60000' },
      { dependencies },
    );
    expect(config.secrets.refreshable).toBe(true);
    expect(config.secrets.refreshIntervalMs).toBe(60_000);
    const seen: string[] = [];
    config.secrets.onChange(
      'SENDGRID_API_KEY',
      ({ value, source }) => void seen.push(`${source}:${value}`),
    );

    expect(await config.secrets.refresh()).toEqual({
      changed: [],
      problems: [],
      listenerErrors: [],
    });
    stores.vault!['/v1/secret/data/app'] = { SENDGRID_API_KEY: 'SG.second' };
    expect((await config.secrets.refresh()).changed).toEqual(['SENDGRID_API_KEY']);

    expect(seen).toEqual(['vault:SG.second']);
    expect(config.secrets.get('SENDGRID_API_KEY')).toBe('SG.second');
    expect(config.email.sendgridApiKey).toBe('SG.first');
    expect(config.secrets.redactor.redact('SG.first SG.second')).toBe('[redacted] [redacted]');
  });

  it('applies nothing when a source fails or a new value is invalid, and keeps going', async () => {
    const stores: FakeStores = {
      vault: { '/v1/secret/data/app': { SIGNING_SECRET: 's'.repeat(32) } },
    };
    const { dependencies } = fakeStores(stores);
    const config = await resolveConfig(
      { ...base, ...vaultBase, VAULT_SECRETS_PATH: 'app' },
      { dependencies },
    );

    stores.vault!['/v1/secret/data/app'] = 503;
    const failed = await config.secrets.refresh();
    expect(failed.changed).toEqual([]);
    expect(failed.problems).toEqual([
      expect.stringContaining(
        'Secret source vault failed: VAULT_SECRETS_PATH: reading secret/app failed with HTTP 503',
      ),
    ]);

    stores.vault!['/v1/secret/data/app'] = { SIGNING_SECRET: 'short-new-secret' };
    const invalid = await config.secrets.refresh();
    expect(invalid.problems).toEqual(['SIGNING_SECRET must be at least 32 characters long']);
    expect(config.secrets.get('SIGNING_SECRET')).toBe('s'.repeat(32));
  });

  it('has nothing to refresh without a versioned source', async () => {
    const config = await resolveConfig({ ...base, SENDGRID_API_KEY: 'SG.plain' });
    expect(config.secrets.refreshable).toBe(false);
    expect(await config.secrets.refresh()).toEqual({
      changed: [],
      problems: [],
      listenerErrors: [],
    });
  });
});

describe('loadConfig', () => {
  it('reads no secret store and refuses references', () => {
    expect(() => loadConfig({ ...base, SMTP_PASSWORD: 'sm://projects/acme/secrets/x' })).toThrow(
      'SMTP_PASSWORD refers to a secret store, which only resolveConfig reads',
    );
  });

  it('still knows the secrets of the environment it is given', () => {
    const config = loadConfig({ ...base, SENDGRID_API_KEY: 'SG.plain-key' });
    expect(config.secrets.redactor.redact('SG.plain-key')).toBe('[redacted]');
  });
});

/** Stand-ins for Secret Manager, Vault and the MongoDB collection, for unit specs. */
interface FakeStores {
  /** Secret Manager: resource name with a numeric version or `latest` → payload, or a gRPC status code to fail with. */
  gsm?: Record<string, string | number>;
  /** Vault: `/v1/<mount>/data/<path>` → data, or an HTTP status, or an Error thrown by fetch. */
  vault?: Record<string, Record<string, unknown> | number | Error>;
  /** The token Vault accepts. */
  vaultToken?: string;
  /** The `secrets` collection. */
  documents?: { name: unknown; environment: string; value: unknown }[];
  /** Fails the MongoDB read. */
  mongoError?: Error;
}

interface FakeCalls {
  gsm: string[];
  vault: { url: string; token: string | null }[];
  mongodb: number;
}

function fakeStores(stores: FakeStores): {
  dependencies: SecretSourceDependencies;
  calls: FakeCalls;
} {
  const calls: FakeCalls = { gsm: [], vault: [], mongodb: 0 };
  const versions = { current: 1 };

  const client: SecretManagerAccess = {
    async accessSecretVersion({ name }) {
      calls.gsm.push(name);
      const entry = stores.gsm?.[name];
      if (entry === undefined || typeof entry === 'number') {
        const code = entry ?? 5;
        throw Object.assign(new Error(`${code} status: ${name}`), { code });
      }
      return [
        {
          name: name.replace(/latest$/, String(versions.current)),
          payload: { data: Buffer.from(entry) },
        },
      ];
    },
    async close() {},
  };

  const fetchFake = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    const token = new Headers(init?.headers).get('X-Vault-Token');
    calls.vault.push({ url, token });
    const entry = stores.vault?.[new URL(url).pathname];
    if (entry instanceof Error) throw entry;
    if (stores.vaultToken !== undefined && token !== stores.vaultToken) {
      return Response.json({ errors: ['permission denied'] }, { status: 403 });
    }
    if (entry === undefined) return Response.json({ errors: [] }, { status: 404 });
    if (typeof entry === 'number') return Response.json({ errors: ['failure'] }, { status: entry });
    return Response.json({ data: { data: entry, metadata: { version: 7 } } });
  }) as typeof fetch;

  return {
    calls,
    dependencies: {
      createSecretManagerClient: async () => client,
      fetch: fetchFake,
      readSecretDocuments: async ({ appEnv }) => {
        calls.mongodb += 1;
        if (stores.mongoError) throw stores.mongoError;
        return (stores.documents ?? []).filter((document) => document.environment === appEnv);
      },
    },
  };
}
