import { describe, expect, it } from 'vitest';
import { ConfigValidationError } from './config-validation.error.js';
import { loadConfig } from './load-config.js';

const valid = {
  GOOGLE_CLOUD_PROJECT: 'acme-reports',
  MONGODB_URI: 'mongodb://db.internal:27017',
};

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('applies the documented defaults to a minimal environment', () => {
    const config = loadConfig(valid);
    expect(config).toMatchObject({
      port: 8080,
      environment: 'development',
      pubsub: { projectId: 'acme-reports', emulatorHost: undefined },
      mongodb: { uri: 'mongodb://db.internal:27017', dbName: 'report_worker' },
      log: { level: 'info', format: 'pretty' },
      shutdownGraceMs: 8000,
      healthCheckTimeoutMs: 1500,
    });
  });

  it('reads every variable it documents', () => {
    const config = loadConfig({
      PORT: '9090',
      GOOGLE_CLOUD_PROJECT: 'p1',
      PUBSUB_EMULATOR_HOST: 'localhost:8085',
      MONGODB_URI: 'mongodb+srv://cluster0.example.net',
      MONGODB_DB: 'reports',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'json',
      SHUTDOWN_GRACE_MS: '2500',
      HEALTH_CHECK_TIMEOUT_MS: '300',
    });
    expect(config).toMatchObject({
      port: 9090,
      pubsub: { projectId: 'p1', emulatorHost: 'localhost:8085' },
      mongodb: { uri: 'mongodb+srv://cluster0.example.net', dbName: 'reports' },
      log: { level: 'debug', format: 'json' },
      shutdownGraceMs: 2500,
      healthCheckTimeoutMs: 300,
    });
  });

  it('logs JSON in production unless told otherwise', () => {
    expect(loadConfig({ ...valid, NODE_ENV: 'production' }).log.format).toBe('json');
    expect(loadConfig({ ...valid, NODE_ENV: 'production', LOG_FORMAT: 'pretty' }).log.format).toBe(
      'pretty',
    );
  });

  it('needs no project id with the emulator', () => {
    const config = loadConfig({ MONGODB_URI: valid.MONGODB_URI, PUBSUB_EMULATOR_HOST: '127.0.0.1:8085' });
    expect(config.pubsub.projectId).toBe('report-worker-local');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ ...valid, PORT: '', LOG_LEVEL: '' })).toMatchObject({
      port: 8080,
      log: { level: 'info' },
    });
  });

  it('names every problem at once: a missing MONGODB_URI and PORT=abc', () => {
    const problems = problemsOf({ GOOGLE_CLOUD_PROJECT: 'p', PORT: 'abc' });
    expect(problems).toEqual([
      'PORT must be a whole number between 0 and 65535, got "abc"',
      'MONGODB_URI is required: a MongoDB connection string such as mongodb://localhost:27017',
    ]);
  });

  it.each([
    [{ PORT: '70000' }, 'PORT must be a whole number between 0 and 65535, got "70000"'],
    [{ PORT: '80.5' }, 'PORT must be a whole number between 0 and 65535, got "80.5"'],
    [{ MONGODB_URI: 'postgres://x' }, 'MONGODB_URI must be a connection string starting with mongodb:// or mongodb+srv://'],
    [{ MONGODB_DB: 'a.b' }, 'MONGODB_DB must be a database name of at most 63 characters without / \\ . space " or $, got "a.b"'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of debug, info, warn, error, got "loud"'],
    [{ LOG_FORMAT: 'xml' }, 'LOG_FORMAT must be one of json, pretty, got "xml"'],
    [{ SHUTDOWN_GRACE_MS: '-1' }, 'SHUTDOWN_GRACE_MS must be a whole number between 0 and 600000, got "-1"'],
    [{ PUBSUB_EMULATOR_HOST: 'http://x' }, 'PUBSUB_EMULATOR_HOST must be host:port, e.g. localhost:8085, got "http://x"'],
  ])('refuses %o with a plain message', (override, message) => {
    expect(problemsOf({ ...valid, ...override })).toEqual([message]);
  });

  it('requires a project id outside the emulator', () => {
    expect(problemsOf({ MONGODB_URI: valid.MONGODB_URI })).toEqual([
      'GOOGLE_CLOUD_PROJECT is required unless PUBSUB_EMULATOR_HOST is set: the Google Cloud project id',
    ]);
  });

  it('returns a frozen object', () => {
    const config = loadConfig(valid);
    expect(Object.isFrozen(config)).toBe(true);
  });
});
