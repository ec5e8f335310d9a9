import { RpcException } from '@nestjs/microservices';
import { describe, expect, it } from 'vitest';
import {
  describeFailure,
  invalidPayload,
  isPermanentFailure,
  PermanentError,
} from './permanent.error.js';

describe('PermanentError', () => {
  it("survives Nest's exception filter: its RpcException payload says permanent", () => {
    const error = new PermanentError('bad period', 'INVALID_PERIOD');
    expect(error).toBeInstanceOf(RpcException);
    expect(error.getError()).toEqual({
      status: 'error',
      permanent: true,
      code: 'INVALID_PERIOD',
      message: 'bad period',
    });
    expect(isPermanentFailure(error)).toBe(true);
    expect(isPermanentFailure(error.getError())).toBe(true);
  });

  it('treats everything else as retryable', () => {
    expect(isPermanentFailure(new Error('x'))).toBe(false);
    expect(isPermanentFailure({ status: 'error', message: 'Internal server error' })).toBe(false);
    expect(isPermanentFailure(undefined)).toBe(false);
  });

  it('describes failures in one line with their code', () => {
    expect(describeFailure(new PermanentError('bad', 'CODE'))).toBe('CODE: bad');
    expect(describeFailure({ code: 'CODE', message: 'bad' })).toBe('CODE: bad');
    expect(describeFailure(new Error('plain'))).toBe('plain');
    expect(describeFailure('text')).toBe('text');
  });

  it('turns validation errors into one permanent INVALID_PAYLOAD error listing every problem', () => {
    const error = invalidPayload([
      { property: 'period', constraints: { matches: 'period must look like YYYY-MM' } },
      {
        property: 'formats',
        children: [{ property: '0', constraints: { isIn: '0 must be one of pdf, csv' } }],
      },
    ]);
    expect(error.code).toBe('INVALID_PAYLOAD');
    expect(error.message).toBe(
      'Invalid payload: period must look like YYYY-MM; formats.0 must be one of pdf, csv',
    );
  });
});
