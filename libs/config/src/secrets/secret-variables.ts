import { getMetadataStorage } from 'class-validator';
import { EnvironmentSchema, parseBoolean } from '../environment.schema.js';

/** A variable whose value is a secret: redacted everywhere, and possibly needed to start. */
export interface SecretVariable {
  readonly name: string;
  /** What it is, for the documentation and the messages. */
  readonly description: string;
  /** A comma-separated list: each item is redacted on its own as well. */
  readonly list?: boolean;
  /** When start-up cannot do without it. */
  readonly required?: {
    /** Completes "X is required when …". */
    readonly when: string;
    readonly test: (env: Readonly<Record<string, string | undefined>>) => boolean;
  };
}

/**
 * The secrets the worker knows. Each may come from any source in
 * `SECRET_SOURCES`; a value read from a secret store under a name that is not
 * a known non-secret variable is treated as a secret too.
 */
export const SECRET_VARIABLES: readonly SecretVariable[] = [
  {
    name: 'SMTP_PASSWORD',
    description: 'password of SMTP_USER on the SMTP server',
    required: {
      when: 'EMAIL_TRANSPORT=smtp and SMTP_USER is set',
      test: (env) => env.EMAIL_TRANSPORT === 'smtp' && Boolean(env.SMTP_USER),
    },
  },
  {
    name: 'SMTP_URI',
    description:
      'SMTP server as smtp[s]://user:password@host:port; secret because it may carry the password',
  },
  {
    name: 'SENDGRID_API_KEY',
    description: 'SendGrid API key',
    required: {
      when: 'EMAIL_TRANSPORT=sendgrid',
      test: (env) => env.EMAIL_TRANSPORT === 'sendgrid',
    },
  },
  {
    name: 'API_TOKENS',
    description: 'bearer tokens accepted by the runs API, separated by commas',
    list: true,
    required: {
      when: 'the runs API is enabled (RUNS_API_ENABLED, default true)',
      test: runsApiEnabled,
    },
  },
  {
    name: 'SIGNING_SECRET',
    description: 'HMAC key that signs download links',
    required: {
      when: 'the runs API is enabled (RUNS_API_ENABLED, default true)',
      test: runsApiEnabled,
    },
  },
];

/** On unless turned off; an unreadable value is reported by validation, not here. */
function runsApiEnabled(env: Readonly<Record<string, string | undefined>>): boolean {
  return (
    env.RUNS_API_ENABLED === undefined ||
    env.RUNS_API_ENABLED === '' ||
    parseBoolean(env.RUNS_API_ENABLED) === true
  );
}

const BY_NAME = new Map(SECRET_VARIABLES.map((variable) => [variable.name, variable]));

export function isSecretVariable(name: string): boolean {
  return BY_NAME.has(name);
}

let publicVariables: ReadonlySet<string> | undefined;

/**
 * A variable the schema knows and that is not a secret (`PORT`, `MONGODB_DB`):
 * its value is not redacted even when a secret store delivered it.
 */
export function isPublicVariable(name: string): boolean {
  publicVariables ??= new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(EnvironmentSchema, '', true, false)
      .map((metadata) => metadata.propertyName)
      .filter((property) => !BY_NAME.has(property)),
  );
  return publicVariables.has(name);
}

/** The strings to redact for a secret: the value, and each item of a list. */
export function secretParts(name: string, value: string): string[] {
  if (!BY_NAME.get(name)?.list) return [value];
  return [value, ...value.split(',').map((item) => item.trim())];
}

/**
 * Variables holding connection strings whose password is a secret although
 * the rest (host, database) is not.
 */
export const CONNECTION_STRING_VARIABLES = [
  'MONGODB_URI',
  'SECRETS_MONGODB_URI',
  'SMTP_URI',
] as const;

/** The password (and user info) inside a URL, or nothing. */
export function connectionStringSecrets(uri: string | undefined): string[] {
  if (!uri) return [];
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^@/?#]*)@/i.exec(uri);
  if (!match) return [];
  const userInfo = match[1];
  const colon = userInfo.indexOf(':');
  if (colon < 0) return [];
  const password = userInfo.slice(colon + 1);
  const decoded = safeDecode(password);
  return [...new Set([password, decoded])];
}

/**
 * One message per required secret that no source delivered. `tried` names the
 * sources consulted; a value is never part of the message.
 */
export function missingSecretProblems(
  env: Readonly<Record<string, string | undefined>>,
  tried: string,
  hint: (name: string) => string = () => '',
): string[] {
  return SECRET_VARIABLES.filter(
    (variable) => variable.required?.test(env) && !env[variable.name],
  ).map(
    (variable) =>
      `${variable.name} is required when ${variable.required!.when}: ${variable.description}; ` +
      `no secret source has it (tried: ${tried})${hint(variable.name)}`,
  );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
