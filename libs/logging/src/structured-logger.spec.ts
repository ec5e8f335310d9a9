import { describe, expect, it } from 'vitest';
import { StructuredLogger, type StructuredLoggerOptions } from './structured-logger.js';

const at = new Date('2026-12-04T10:00:00.000Z');

function capture(options: Partial<StructuredLoggerOptions> = {}) {
  const lines: string[] = [];
  const logger = new StructuredLogger({
    format: 'json',
    level: 'debug',
    write: (line) => lines.push(line),
    now: () => at,
    ...options,
  });
  return {
    logger,
    lines,
    json: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('StructuredLogger', () => {
  it('writes one JSON object a line with Cloud Logging severity, message, timestamp and context', () => {
    const { logger, json } = capture();
    logger.log('started', 'Bootstrap');
    logger.warn('slow');
    logger.debug('detail');
    logger.fatal('gone');
    expect(json()).toEqual([
      { severity: 'INFO', timestamp: at.toISOString(), context: 'Bootstrap', message: 'started' },
      { severity: 'WARNING', timestamp: at.toISOString(), message: 'slow' },
      { severity: 'DEBUG', timestamp: at.toISOString(), message: 'detail' },
      { severity: 'CRITICAL', timestamp: at.toISOString(), message: 'gone' },
    ]);
  });

  it('keeps the fields of a logged object, such as message ids', () => {
    const { logger, json } = capture();
    logger.log({ message: 'settled', messageId: '42', pattern: 'report.generate' }, 'PubSubServer');
    expect(json()[0]).toMatchObject({
      message: 'settled',
      messageId: '42',
      pattern: 'report.generate',
      context: 'PubSubServer',
    });
  });

  it("reads Nest's error(message, stack, context) call", () => {
    const { logger, json } = capture();
    logger.error('failed', 'Error: failed\n    at here (file.ts:1:1)', 'Handler');
    expect(json()[0]).toMatchObject({
      severity: 'ERROR',
      message: 'failed',
      context: 'Handler',
      stack_trace: 'Error: failed\n    at here (file.ts:1:1)',
    });
  });

  it('turns an Error into message and stack', () => {
    const { logger, json } = capture();
    logger.error(new TypeError('bad input'));
    expect(json()[0]).toMatchObject({
      severity: 'ERROR',
      message: 'bad input',
      error: 'TypeError',
    });
    expect(String(json()[0].stack_trace)).toContain('TypeError: bad input');
  });

  it('drops lines below the level', () => {
    const { logger, json } = capture({ level: 'warn' });
    logger.debug('no');
    logger.log('no');
    logger.warn('yes');
    logger.error('yes too');
    expect(json().map((line) => line.message)).toEqual(['yes', 'yes too']);
  });

  it('writes readable text in pretty format', () => {
    const { logger, lines } = capture({ format: 'pretty' });
    logger.log({ message: 'settled', messageId: '7' }, 'PubSubServer');
    expect(lines).toEqual(['2026-12-04T10:00:00.000Z INFO     [PubSubServer] settled messageId=7']);
  });

  it('passes every line through the redactor', () => {
    const { logger, lines } = capture({
      redact: (line) => line.replaceAll('hunter2', '[redacted]'),
    });
    logger.log('password is hunter2');
    expect(lines[0]).toContain('password is [redacted]');
    expect(lines[0]).not.toContain('hunter2');
  });
});
