import { Logger } from '@nestjs/common';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FoundSecret } from './secret-source.js';
import { Secrets } from './secrets.js';
import { SecretsRefresher } from './secrets-refresher.js';

const token = (value: string): FoundSecret => ({
  value,
  source: 'vault',
  origin: 'secret/app#API_TOKENS',
});

function rotatingSecrets(values: string[], refreshIntervalMs = 5_000) {
  let reads = 0;
  const secrets = new Secrets({
    secrets: new Map([['API_TOKENS', token(values[0])]]),
    refreshIntervalMs,
    warnings: ['Secret source mongodb failed: unreachable (optional: starting without it)'],
    reload: async () => {
      reads += 1;
      const value = values[Math.min(reads, values.length - 1)];
      return { secrets: new Map([['API_TOKENS', token(value)]]), sensitive: [value], problems: [] };
    },
  });
  return { secrets, reads: () => reads };
}

describe('SecretsRefresher', () => {
  const logged: string[] = [];

  beforeEach(() => {
    vi.useFakeTimers();
    logged.length = 0;
    Logger.overrideLogger({
      log: (message: unknown) => void logged.push(`log ${JSON.stringify(message)}`),
      warn: (message: unknown) => void logged.push(`warn ${JSON.stringify(message)}`),
      error: (message: unknown) => void logged.push(`error ${JSON.stringify(message)}`),
    });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads the sources every interval and tells subscribers what changed, until the module stops', async () => {
    const { secrets, reads } = rotatingSecrets(['token-one-1', 'token-one-1', 'token-two-2']);
    const refresher = new SecretsRefresher(secrets);
    const changes: string[] = [];
    refresher.onChange('API_TOKENS', ({ value }) => void changes.push(value));

    refresher.onModuleInit();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(reads()).toBe(1);
    expect(changes).toEqual([]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(reads()).toBe(2);
    expect(changes).toEqual(['token-two-2']);
    expect(secrets.redactor.redact('token-two-2')).toBe('[redacted]');

    refresher.onModuleDestroy();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(reads()).toBe(2);
  });

  it('logs the optional sources that failed and which secret changed, never a value', async () => {
    const { secrets } = rotatingSecrets(['token-one-1', 'token-two-2']);
    const refresher = new SecretsRefresher(secrets);
    refresher.onModuleInit();
    await refresher.refreshNow();
    refresher.onModuleDestroy();
    expect(logged).toEqual([
      'warn "Secret source mongodb failed: unreachable (optional: starting without it)"',
      'log {"message":"secret changed","secret":"API_TOKENS"}',
    ]);
    expect(logged.join()).not.toContain('token-two-2');
  });

  it('starts no timer when refresh is off', async () => {
    const { secrets, reads } = rotatingSecrets(['a-token', 'b-token'], 0);
    const refresher = new SecretsRefresher(secrets);
    refresher.onModuleInit();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(reads()).toBe(0);
  });

  it('keeps other subscribers going when one throws, and redacts its error', async () => {
    const { secrets } = rotatingSecrets(['token-one-1', 'token-two-2']);
    const applied: string[] = [];
    secrets.onChange('API_TOKENS', ({ value }) => {
      throw new Error(`cannot apply ${value}`);
    });
    secrets.onChange('API_TOKENS', ({ value }) => void applied.push(value));
    const result = await secrets.refresh();
    expect(applied).toEqual(['token-two-2']);
    expect(result.listenerErrors.map(({ message }) => message)).toEqual([
      'cannot apply [redacted]',
    ]);
  });

  it('stops calling a listener once unsubscribed', async () => {
    const { secrets } = rotatingSecrets(['token-one-1', 'token-two-2']);
    const listener = vi.fn<() => void>();
    const unsubscribe = secrets.onChange('API_TOKENS', listener);
    unsubscribe();
    await secrets.refresh();
    expect(listener).not.toHaveBeenCalled();
  });
});
