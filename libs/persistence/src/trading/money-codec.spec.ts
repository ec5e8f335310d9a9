import { Decimal128 } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { MoneyCodec } from './money-codec.js';

describe('MoneyCodec', () => {
  it('writes Decimal128 for MongoDB, exactly', () => {
    const stored = new MoneyCodec('decimal128').encode('1234.56');
    expect(stored).toBeInstanceOf(Decimal128);
    expect(stored.toString()).toBe('1234.56');
  });

  it('writes the exact decimal text where the server has no Decimal128', () => {
    expect(new MoneyCodec('string').encode('-0.10')).toBe('-0.10');
  });

  it('detects FerretDB from buildInfo', async () => {
    const db = (info: object) => ({ admin: () => ({ command: async () => info }) }) as never;
    expect(
      (await MoneyCodec.detect(db({ version: '7.0.42', ferretdbVersion: '1.24.2' }))).storage,
    ).toBe('string');
    expect((await MoneyCodec.detect(db({ version: '7.0.14' }))).storage).toBe('decimal128');
  });
});
