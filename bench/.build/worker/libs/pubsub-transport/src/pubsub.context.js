import { BaseRpcContext } from '@nestjs/microservices';
import { Attributes } from './pubsub.constants.js';
/**
 * Settlement made by a handler in manual mode. The first call wins: a
 * handler cannot ack a message it already nacked.
 */
export class SettlementLatch {
    decided;
    resolve;
    settled = new Promise((resolve) => (this.resolve = resolve));
    settle(settlement) {
        if (this.decided)
            return false;
        this.decided = settlement;
        this.resolve(settlement);
        return true;
    }
    get decision() {
        return this.decided;
    }
}
/**
 * What a handler can learn about the message it handles:
 * `@Ctx() context: PubSubContext`.
 */
export class PubSubContext extends BaseRpcContext {
    constructor(args) {
        super(args);
    }
    /** The message as received (data, attributes, ids), pulled or pushed. */
    getMessage() {
        return this.args[0];
    }
    getPattern() {
        return this.args[1];
    }
    getAttributes() {
        return this.args[0].attributes;
    }
    /** 1 on first delivery; undefined where Pub/Sub does not count (no dead-letter policy). */
    getDeliveryAttempt() {
        return this.args[0].deliveryAttempt;
    }
    getSubscription() {
        return this.args[0].subscription;
    }
    getOrderingKey() {
        return this.args[0].orderingKey;
    }
    getPublishTime() {
        return this.args[0].publishTime;
    }
    getMessageId() {
        return this.args[0].id;
    }
    /** The W3C `traceparent` the publisher attached, to continue its trace. */
    getTraceParent() {
        return this.args[0].attributes[Attributes.TRACEPARENT];
    }
    /** Manual mode: the message is handled; ack it. */
    ack() {
        this.args[2].settle({ kind: 'ack' });
    }
    /** Manual mode: give the message back for redelivery. */
    nack(reason) {
        this.args[2].settle({ kind: 'nack', reason });
    }
    /** Manual mode: the message can never succeed; dead-letter it with this reason. */
    deadLetter(reason) {
        this.args[2].settle({ kind: 'dead-letter', reason });
    }
}
//# sourceMappingURL=pubsub.context.js.map