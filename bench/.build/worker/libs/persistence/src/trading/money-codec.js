import { Decimal128 } from 'mongodb';
/**
 * How money is written. MongoDB gets Decimal128; a server without it
 * (FerretDB, used in tests, drops the connection on one) gets the exact
 * decimal as a string. Reading accepts both, and the doubles of old documents.
 */
export class MoneyCodec {
    storage;
    constructor(storage) {
        this.storage = storage;
    }
    /** Asks the server: FerretDB says so in `buildInfo`. */
    static async detect(db) {
        const info = await db.admin().command({ buildInfo: 1 });
        return new MoneyCodec('ferretdbVersion' in info ? 'string' : 'decimal128');
    }
    /** `amount` is an exact decimal as text, e.g. `Decimal#toFixed()`. */
    encode(amount) {
        return this.storage === 'decimal128' ? Decimal128.fromString(amount) : amount;
    }
}
//# sourceMappingURL=money-codec.js.map