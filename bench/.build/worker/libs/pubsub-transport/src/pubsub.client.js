import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { timeout } from 'rxjs';
import { Attributes, Defaults } from './pubsub.constants.js';
import { JsonMessageSerializer } from './message-codec.js';
import { createPubSub, TopicPublishers } from './pubsub-connection.js';
import { ResourceProvisioner } from './resource-provisioner.js';
/**
 * Data for `emit()` / `send()` that also sets message attributes or an
 * ordering key: `client.emit('report.generate', new PubSubRecord(payload, { orderingKey: 'acme' }))`.
 */
export class PubSubRecord {
    data;
    options;
    constructor(data, options = {}) {
        this.data = data;
        this.options = options;
    }
}
/** A fresh W3C trace context (version 00, sampled) for a publish that carries none. */
export function newTraceParent() {
    return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
}
/**
 * Publishes Nest patterns to a Pub/Sub topic. `emit()` publishes an event;
 * `send()` publishes a request with a reply topic and correlation id and
 * waits (up to `requestTimeoutMs`) for the handler's result on the reply
 * subscription.
 */
export class PubSubClient extends ClientProxy {
    options;
    logger = new Logger(PubSubClient.name);
    patternAttribute;
    requestTimeoutMs;
    outbound;
    autoCreate;
    replySubscriptionName;
    pubsub;
    publishers;
    replySubscription;
    connecting;
    constructor(options) {
        super();
        this.options = options;
        this.patternAttribute = options.patternAttribute ?? Defaults.PATTERN_ATTRIBUTE;
        this.requestTimeoutMs = options.requestTimeoutMs ?? Defaults.REQUEST_TIMEOUT_MS;
        this.outbound = options.serializer ?? new JsonMessageSerializer();
        this.autoCreate = options.autoCreate ?? Boolean(options.emulatorHost);
        this.replySubscriptionName =
            options.replySubscription ??
                (options.replyTopic && this.autoCreate
                    ? `${options.replyTopic}-client-${randomBytes(4).toString('hex')}`
                    : undefined);
    }
    async connect() {
        this.connecting ??= this.open().catch((error) => {
            this.connecting = undefined;
            throw error;
        });
        return this.connecting;
    }
    async close() {
        await this.replySubscription?.close();
        await this.publishers?.flush();
        await this.pubsub?.close();
        this.pubsub = undefined;
        this.connecting = undefined;
        this._status$.next('closed');
    }
    unwrap() {
        if (!this.pubsub)
            throw new Error('Not initialized. Call "connect" first.');
        return this.pubsub;
    }
    send(pattern, data) {
        return super.send(pattern, data).pipe(timeout(this.requestTimeoutMs));
    }
    publish(packet, callback) {
        const { id } = this.assignPacketId(packet);
        if (!this.options.replyTopic || !this.replySubscriptionName) {
            callback({ err: new Error('PubSubClient.send() needs replyTopic (and replySubscription unless autoCreate)'), isDisposed: true });
            return () => undefined;
        }
        this.routingMap.set(id, callback);
        this.connect()
            .then(() => this.publishPacket(packet, {
            [Attributes.REPLY_TOPIC]: this.options.replyTopic,
            [Attributes.CORRELATION_ID]: id,
        }))
            .catch((err) => {
            this.routingMap.delete(id);
            callback({ err, isDisposed: true });
        });
        return () => this.routingMap.delete(id);
    }
    async dispatchEvent(packet) {
        await this.connect();
        return (await this.publishPacket(packet, {}));
    }
    async publishPacket(packet, extra) {
        const record = packet.data instanceof PubSubRecord ? packet.data : undefined;
        const attributes = {
            [Attributes.TRACEPARENT]: newTraceParent(),
            ...record?.options.attributes,
            ...extra,
            [this.patternAttribute]: this.normalizePattern(packet.pattern),
        };
        return this.publishers.publish(this.options.topic, {
            data: this.outbound.serialize(record ? record.data : packet.data),
            attributes,
            orderingKey: record?.options.orderingKey,
        });
    }
    async open() {
        this.pubsub = createPubSub(this.options);
        this.publishers = new TopicPublishers(this.pubsub);
        if (this.autoCreate) {
            const provisioner = new ResourceProvisioner(this.pubsub);
            await provisioner.ensureTopic(this.options.topic);
            if (this.options.replyTopic && this.replySubscriptionName) {
                await provisioner.ensureSubscription({ name: this.replySubscriptionName, topic: this.options.replyTopic });
            }
        }
        if (this.options.replyTopic && this.replySubscriptionName) {
            this.replySubscription = this.pubsub.subscription(this.replySubscriptionName);
            this.replySubscription.on('message', (message) => this.handleReply(message));
            this.replySubscription.on('error', (error) => this.logger.error({ message: 'reply subscription error', error: error.message }));
        }
        this._status$.next('connected');
    }
    handleReply(message) {
        // Replies are acked on receipt: one with no waiting request (timed out,
        // or for another client) has no one to retry for.
        message.ack();
        let reply;
        try {
            reply = JSON.parse(message.data.toString('utf8'));
        }
        catch {
            this.logger.warn({ message: 'unreadable reply dropped', messageId: message.id });
            return;
        }
        const callback = reply.id ? this.routingMap.get(reply.id) : undefined;
        if (!callback)
            return;
        callback({ err: reply.err, response: reply.response, isDisposed: true });
        this.routingMap.delete(reply.id);
    }
}
//# sourceMappingURL=pubsub.client.js.map