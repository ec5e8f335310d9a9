import { Decimal128 } from 'mongodb';
import type { Db } from 'mongodb';

export type MoneyStorage = 'decimal128' | 'string';

/**
 * How money is written. MongoDB gets Decimal128; a server without it
 * (FerretDB, used in tests, drops the connection on one) gets the exact
 * decimal as a string. Reading accepts both, and the doubles of old documents.
 */
export class MoneyCodec {
  constructor(readonly storage: MoneyStorage) {}

  /** Asks the server: FerretDB says so in `buildInfo`. */
  static async detect(db: Db): Promise<MoneyCodec> {
    const info = await db.admin().command({ buildInfo: 1 });
    return new MoneyCodec('ferretdbVersion' in info ? 'string' : 'decimal128');
  }

  /** `amount` is an exact decimal as text, e.g. `Decimal#toFixed()`. */
  encode(amount: string): Decimal128 | string {
    return this.storage === 'decimal128' ? Decimal128.fromString(amount) : amount;
  }
}
