import { describe, expect, it } from 'vitest';
import { redactError, SecretRedactor } from './secret-redactor.js';

function redactorOf(...secrets: string[]): SecretRedactor {
  const redactor = new SecretRedactor();
  for (const secret of secrets) redactor.add(secret);
  return redactor;
}

describe('SecretRedactor', () => {
  it('masks a secret inside a longer string, every time it occurs', () => {
    const redactor = redactorOf('hunter2-pass');
    expect(
      redactor.redact('login with hunter2-pass failed; retried hunter2-passhunter2-pass'),
    ).toBe('login with [redacted] failed; retried [redacted][redacted]');
  });

  it('masks several secrets in one line', () => {
    const redactor = redactorOf('SG.sendgrid-key', 'smtp-password');
    expect(redactor.redact('key=SG.sendgrid-key pass=smtp-password')).toBe(
      'key=[redacted] pass=[redacted]',
    );
  });

  it('masks the longest secret first, so a secret containing another is masked whole', () => {
    const redactor = redactorOf('token', 'token-with-suffix');
    expect(redactor.redact('a token-with-suffix and a token')).toBe(
      'a [redacted] and a [redacted]',
    );
  });

  it('ignores values shorter than 4 characters, which would mask everything', () => {
    const redactor = redactorOf('on', 'abc', '');
    expect(redactor.redact('abc is on')).toBe('abc is on');
    expect(redactor.size).toBe(0);
  });

  it('masks the JSON-escaped form of a secret, as it appears in a JSON log line', () => {
    const secret = 'pa"ss\\word\nline2';
    const redactor = redactorOf(secret);
    const line = JSON.stringify({ message: `password is ${secret}` });
    expect(redactor.redact(line)).toBe('{"message":"password is [redacted]"}');
  });

  it('masks the percent-encoded form of a secret, as it appears in a connection string', () => {
    const secret = 'p@ss/word';
    const redactor = redactorOf(secret);
    expect(redactor.redact(`mongodb://app:${encodeURIComponent(secret)}@db:27017`)).toBe(
      'mongodb://app:[redacted]@db:27017',
    );
  });

  it('treats regular-expression characters in a secret literally', () => {
    const redactor = redactorOf('a.b*c+d');
    expect(redactor.redact('aXbbbcd a.b*c+d')).toBe('aXbbbcd [redacted]');
  });

  it('can be handed over as a plain function', () => {
    const { redact } = redactorOf('secret-value');
    expect(['x secret-value'].map(redact)).toEqual(['x [redacted]']);
  });
});

describe('redactError', () => {
  class SmtpError extends Error {
    override name = 'SmtpError';
    constructor(
      message: string,
      readonly response: string,
      options?: ErrorOptions,
    ) {
      super(message, options);
    }
  }

  it('returns a copy of the same class with message, stack, fields and cause redacted', () => {
    const redactor = redactorOf('smtp-password-1');
    const cause = new Error('auth smtp-password-1 refused');
    const error = new SmtpError('login failed for smtp-password-1', '535 smtp-password-1', {
      cause,
    });

    const copy = redactError(error, redactor);

    expect(copy).toBeInstanceOf(SmtpError);
    expect(copy).not.toBe(error);
    expect(copy.message).toBe('login failed for [redacted]');
    expect(copy.stack).toContain('login failed for [redacted]');
    expect(copy.stack).not.toContain('smtp-password-1');
    expect((copy as SmtpError).response).toBe('535 [redacted]');
    expect((copy.cause as Error).message).toBe('auth [redacted] refused');
    expect(error.message).toBe('login failed for smtp-password-1');
  });

  it('turns a thrown non-error into an error with a redacted message', () => {
    expect(redactError('boom smtp-password-1', redactorOf('smtp-password-1')).message).toBe(
      'boom [redacted]',
    );
  });

  it('is also a method of the redactor', () => {
    expect(redactorOf('abcd-1234').redactError(new Error('x abcd-1234')).message).toBe(
      'x [redacted]',
    );
  });
});

describe('redactDeep, for event payloads and health details', () => {
  it('redacts every string of plain data and leaves the rest as it is', () => {
    const redactor = redactorOf('api-token-123');
    const at = new Date('2026-01-01T00:00:00Z');
    const event = {
      runId: 'r1',
      attempts: 2,
      at,
      failure: { reason: 'HTTP 401 with api-token-123', errors: [new Error('bad api-token-123')] },
    };
    const redacted = redactor.redactDeep(event);
    expect(redacted).toEqual({
      runId: 'r1',
      attempts: 2,
      at,
      failure: { reason: 'HTTP 401 with [redacted]', errors: [expect.any(Error)] },
    });
    expect(redacted.failure.errors[0].message).toBe('bad [redacted]');
    expect(JSON.stringify(redacted)).not.toContain('api-token-123');
    expect(event.failure.reason).toContain('api-token-123');
  });

  it('copes with cycles', () => {
    const payload: Record<string, unknown> = { note: 'api-token-123' };
    payload.self = payload;
    const redacted = redactorOf('api-token-123').redactDeep(payload);
    expect(redacted.note).toBe('[redacted]');
    expect(redacted.self).toBe(redacted);
  });
});
