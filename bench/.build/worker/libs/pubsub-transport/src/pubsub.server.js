import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { Duration, SubscriptionCloseBehaviors, } from '@google-cloud/pubsub';
import { Logger } from '@nestjs/common';
import { Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import { fromPulledMessage, shortName } from './inbound-message.js';
import { JsonMessageDeserializer, JsonMessageSerializer } from './message-codec.js';
import { describeFailure, isPermanentFailure, PermanentError } from './permanent.error.js';
import { Attributes, Defaults, MAX_TOTAL_STREAMS, PUBSUB_TRANSPORT } from './pubsub.constants.js';
import { PubSubContext, SettlementLatch } from './pubsub.context.js';
import { createPubSub, TopicPublishers } from './pubsub-connection.js';
import { ResourceProvisioner } from './resource-provisioner.js';
import { logSettlement } from './settlement-log.js';
/**
 * A Nest transport for Google Cloud Pub/Sub: pulls from one or more
 * subscriptions (and takes pushed messages through `PubSubTransportModule`),
 * routes each message to its `@EventPattern` / `@MessagePattern` handler by
 * the pattern attribute, and settles it by what really happened:
 *
 * - ack after the handler's value, promise or observable completed;
 * - nack (Pub/Sub redelivers) when it threw or errored;
 * - dead-letter with the reason, then ack, for a `PermanentError`, undecodable
 *   data or an unknown pattern (nack and an error log without a dead-letter topic).
 *
 * `close()` stops intake, lets running handlers finish within the grace
 * period, gives back what is still running, and flushes publishers.
 */
export class PubSubServer extends Server {
    options;
    // Handler errors are awaited and settled here; Nest need not report them again.
    propagatesEventHandlerErrors = true;
    logger = new Logger(PubSubServer.name);
    patternAttribute;
    deserializerImpl;
    serializerImpl;
    shutdownGraceMs;
    manualAck;
    autoCreate;
    states = new Map();
    inFlight = new Set();
    /** Per subscription and ordering key, the tail of the handlers queued in publish order. */
    orderingChains = new Map();
    events = new EventEmitter();
    pubsub;
    publishers;
    closing;
    constructor(options) {
        super();
        this.options = options;
        this.transportId = PUBSUB_TRANSPORT;
        this.patternAttribute = options.patternAttribute ?? Defaults.PATTERN_ATTRIBUTE;
        this.deserializerImpl = options.deserializer ?? new JsonMessageDeserializer();
        this.serializerImpl = options.serializer ?? new JsonMessageSerializer();
        this.shutdownGraceMs = options.shutdownGraceMs ?? Defaults.SHUTDOWN_GRACE_MS;
        this.manualAck = options.manualAck ?? false;
        this.autoCreate = options.autoCreate ?? Boolean(options.emulatorHost);
        for (const subscription of options.subscriptions ?? []) {
            const name = shortName(subscription.name);
            if (this.states.has(name))
                throw new Error(`Subscription "${name}" is listed twice`);
            this.states.set(name, {
                options: {
                    ...subscription,
                    maxMessages: subscription.maxMessages ?? Defaults.MAX_MESSAGES,
                    maxStreams: subscription.maxStreams ?? Defaults.MAX_STREAMS,
                },
                open: false,
                inFlight: 0,
            });
        }
        const streams = [...this.states.values()].reduce((sum, state) => sum + state.options.maxStreams, 0);
        if (streams > MAX_TOTAL_STREAMS) {
            throw new Error(`The subscriptions ask for ${streams} streaming pulls; one connection carries at most ${MAX_TOTAL_STREAMS}. Lower maxStreams.`);
        }
        this.initializeSerializer(options);
        this.initializeDeserializer(options);
    }
    listen(callback) {
        this.start().then(() => callback(), (error) => {
            this._status$.next('error');
            callback(error);
        });
    }
    async close() {
        this.closing ??= this.drainAndClose();
        return this.closing;
    }
    on(event, callback) {
        this.events.on(event, callback);
    }
    /** The `PubSub` client, once listening. */
    unwrap() {
        if (!this.pubsub) {
            throw new Error('Not initialized. Call "listen" / "startAllMicroservices" before "unwrap".');
        }
        return this.pubsub;
    }
    /** Each pulled subscription's state and the messages being handled. */
    health() {
        return {
            closing: Boolean(this.closing),
            inFlight: this.inFlight.size,
            subscriptions: [...this.states.entries()].map(([name, state]) => ({
                name,
                open: state.open,
                inFlight: state.inFlight,
                lastError: state.lastError,
                lastErrorAt: state.lastErrorAt,
            })),
        };
    }
    isClosing() {
        return Boolean(this.closing);
    }
    /**
     * Settles a pushed message the way a pulled one is settled; returns what
     * the HTTP answer must say. Used by the push controller.
     */
    async handlePushed(message, { deadLetterTopic, defaultPattern } = {}) {
        if (this.closing) {
            this.report({ message, outcome: 'nacked', durationMs: 0, reason: 'shutting down' });
            return 'nacked';
        }
        return this.process(message, defaultPattern, async ({ pattern, settlement }) => {
            if (settlement.kind !== 'dead-letter') {
                return settlement.kind === 'ack'
                    ? { outcome: 'acked' }
                    : { outcome: 'nacked', reason: settlement.reason };
            }
            const outcome = await this.deadLetter(message, pattern, settlement.reason, deadLetterTopic);
            return { outcome, reason: settlement.reason };
        });
    }
    async start() {
        this.pubsub = createPubSub(this.options);
        this.publishers = new TopicPublishers(this.pubsub);
        const provisioner = new ResourceProvisioner(this.pubsub);
        for (const [name, state] of this.states) {
            if (this.autoCreate) {
                await provisioner.ensureSubscription({ ...state.options, name });
            }
            else {
                const [exists] = await this.pubsub.subscription(name).exists();
                if (!exists) {
                    throw new Error(`Pub/Sub subscription "${name}" does not exist in project "${this.pubsub.projectId}"; create it or enable autoCreate`);
                }
            }
            this.subscribe(name, state);
        }
        this._status$.next('connected');
    }
    subscribe(name, state) {
        const { options } = state;
        const maxExtensionSeconds = options.maxExtensionSeconds ?? Defaults.MAX_EXTENSION_SECONDS;
        const subscription = this.pubsub.subscription(name, {
            flowControl: { maxMessages: options.maxMessages, allowExcessMessages: false },
            minAckDeadline: Duration.from({ seconds: Math.min(options.ackDeadlineSeconds ?? Defaults.ACK_DEADLINE_SECONDS, 600) }),
            maxExtensionTime: Duration.from({ seconds: maxExtensionSeconds }),
            streamingOptions: { maxStreams: options.maxStreams },
            // The library closes the stream at once, waits for in-flight messages to
            // be settled, then nacks the rest: the drain `close()` relies on.
            closeOptions: {
                behavior: SubscriptionCloseBehaviors.WaitForProcessing,
                timeout: Duration.from({ milliseconds: Math.max(this.shutdownGraceMs, 1_000) }),
            },
        });
        subscription.on('message', (message) => void this.handlePulled(message, name, state));
        subscription.on('error', (error) => {
            state.lastError = describeFailure(error);
            state.lastErrorAt = new Date();
            this._status$.next('error');
            this.logger.error({ message: 'subscription error', subscription: name, error: state.lastError });
            this.events.emit('error', error, name);
        });
        subscription.on('close', () => {
            state.open = false;
        });
        state.subscription = subscription;
        state.open = true;
    }
    handlePulled(pulled, name, state) {
        const message = fromPulledMessage(pulled, name);
        if (this.closing) {
            pulled.nack();
            return Promise.resolve();
        }
        if (!message.orderingKey)
            return this.processPulled(pulled, message, state);
        // The library delivers a key's messages in order, but handlers are
        // asynchronous: run them one after another so they also finish in order.
        const key = `${name}\u0000${message.orderingKey}`;
        const previous = this.orderingChains.get(key) ?? Promise.resolve();
        const current = previous.then(() => this.processPulled(pulled, message, state));
        this.orderingChains.set(key, current);
        return current.finally(() => {
            if (this.orderingChains.get(key) === current)
                this.orderingChains.delete(key);
        });
    }
    async processPulled(pulled, message, state) {
        state.inFlight++;
        try {
            await this.process(message, state.options.defaultPattern, ({ pattern, settlement }) => this.settlePulled(pulled, message, pattern, settlement, state));
        }
        catch (error) {
            // Settlement itself failed (e.g. the client is closing): Pub/Sub will redeliver after the deadline.
            this.logger.error({ message: 'settling failed', messageId: message.id, error: describeFailure(error) });
        }
        finally {
            state.inFlight--;
        }
    }
    async settlePulled(pulled, message, pattern, settlement, state) {
        if (settlement.kind === 'ack')
            return { outcome: await this.ack(pulled, state) };
        if (settlement.kind === 'nack') {
            pulled.nack();
            return { outcome: 'nacked', reason: settlement.reason };
        }
        const published = await this.deadLetter(message, pattern, settlement.reason, state.options.deadLetterTopic);
        if (published !== 'dead-lettered') {
            pulled.nack();
            return { outcome: published, reason: settlement.reason };
        }
        const acked = await this.ack(pulled, state);
        return { outcome: acked === 'acked' ? 'dead-lettered' : acked, reason: settlement.reason };
    }
    /**
     * Dispatches a message and settles it through `settle`, tracked as in
     * flight until its settlement is applied, so shutdown waits for both.
     */
    async process(message, defaultPattern, settle) {
        const startedAt = performance.now();
        const run = { givenBack: false, done: Promise.resolve() };
        const work = (async () => {
            const dispatched = await this.dispatch(message, defaultPattern, run);
            const settled = run.givenBack
                ? { outcome: 'given-back', reason: 'handler outlived the shutdown grace period' }
                : await settle(dispatched);
            this.report({ message, pattern: dispatched.pattern, durationMs: performance.now() - startedAt, ...settled });
            return settled.outcome;
        })();
        run.done = work;
        this.inFlight.add(run);
        try {
            return await work;
        }
        finally {
            this.inFlight.delete(run);
        }
    }
    async ack(pulled, state) {
        if (!state.options.enableExactlyOnceDelivery) {
            pulled.ack();
            return 'acked';
        }
        try {
            // With exactly-once delivery an ack can be refused (lease lost); the
            // message will then be redelivered and must not be reported as done.
            await pulled.ackWithResponse();
            return 'acked';
        }
        catch (error) {
            this.logger.error({ message: 'ack refused', messageId: pulled.id, error: describeFailure(error) });
            return 'ack-failed';
        }
    }
    /**
     * Decodes, routes and runs one message, and decides how it settles. Never
     * throws: every failure becomes a settlement.
     */
    async dispatch(message, defaultPattern, run) {
        let pattern;
        let latch;
        try {
            const packet = this.deserializerImpl.deserialize(message, {
                patternAttribute: this.patternAttribute,
                defaultPattern,
            });
            pattern = packet.pattern;
            const handler = this.getHandlerByPattern(pattern);
            if (!handler) {
                throw new PermanentError(`No handler for pattern "${pattern}"`, 'UNKNOWN_PATTERN');
            }
            latch = new SettlementLatch();
            run.latch = latch;
            const context = new PubSubContext([message, pattern, latch]);
            const reply = this.replyAddress(message, handler);
            try {
                const response = await this.runHandler(handler, packet.data, context);
                if (reply)
                    await this.publishReply(reply, { response });
            }
            catch (error) {
                if (reply && isPermanentFailure(error))
                    await this.publishReply(reply, { err: error });
                throw error;
            }
            if (!this.manualAck)
                return { pattern, settlement: { kind: 'ack' } };
            if (!latch.decision) {
                this.logger.warn({ message: 'manual-ack handler returned without settling; waiting for it', messageId: message.id, pattern });
            }
            return { pattern, settlement: await latch.settled };
        }
        catch (error) {
            // A handler that settled explicitly before failing keeps its decision.
            if (this.manualAck && latch?.decision)
                return { pattern, settlement: latch.decision };
            const reason = describeFailure(error);
            return {
                pattern,
                settlement: isPermanentFailure(error) ? { kind: 'dead-letter', reason } : { kind: 'nack', reason },
            };
        }
    }
    /** Runs a handler to completion (value, promise or observable) between Nest's processing hooks. */
    runHandler(handler, data, context) {
        return new Promise((resolve, reject) => {
            this.runWithProcessingHooks(context, async (runEndHook) => {
                try {
                    const result$ = this.transformToObservable(await handler(data, context));
                    resolve(await lastValueFrom(result$, { defaultValue: undefined }));
                }
                catch (error) {
                    reject(error);
                }
                finally {
                    runEndHook();
                }
            });
        });
    }
    replyAddress(message, handler) {
        const topic = message.attributes[Attributes.REPLY_TOPIC];
        const id = message.attributes[Attributes.CORRELATION_ID];
        return !handler.isEventHandler && topic && id ? { topic, id } : undefined;
    }
    async publishReply(reply, body) {
        await this.publishers.publish(reply.topic, {
            data: this.serializerImpl.serialize({ id: reply.id, ...body, isDisposed: true }),
            attributes: { [Attributes.CORRELATION_ID]: reply.id },
        });
    }
    /** Publishes a copy of a message that can never succeed, with the reason, to the dead-letter topic. */
    async deadLetter(message, pattern, reason, topic) {
        if (!topic) {
            this.logger.error({
                message: 'permanent failure but no dead-letter topic is configured; nacking so it is not lost',
                messageId: message.id,
                pattern,
                reason,
            });
            return 'nacked';
        }
        try {
            await this.publishers.publish(topic, {
                data: message.data,
                attributes: {
                    ...message.attributes,
                    [Attributes.ERROR]: reason.slice(0, 1024),
                    [Attributes.ORIGINAL_MESSAGE_ID]: message.id,
                    [Attributes.ORIGINAL_PATTERN]: pattern ?? '',
                    [Attributes.DELIVERY_ATTEMPT]: String(message.deliveryAttempt ?? 1),
                    [Attributes.SUBSCRIPTION]: message.subscription,
                    [Attributes.FAILED_AT]: new Date().toISOString(),
                },
            });
            return 'dead-lettered';
        }
        catch (error) {
            this.logger.error({ message: 'dead-letter publish failed; nacking', messageId: message.id, error: describeFailure(error) });
            return 'nacked';
        }
    }
    report(settled) {
        logSettlement(this.logger, settled);
        this.events.emit('settled', {
            messageId: settled.message.id,
            pattern: settled.pattern,
            outcome: settled.outcome,
            reason: settled.reason,
            durationMs: settled.durationMs,
        });
    }
    async drainAndClose() {
        this._status$.next('disconnected');
        const running = [...this.inFlight];
        // Closing a subscription stops its stream at once and waits (up to the
        // grace period) for its messages to be settled before nacking the rest.
        const subscriptionsClosed = Promise.all([...this.states.values()].map(async (state) => {
            await state.subscription?.close();
            state.open = false;
        }));
        const drained = await Promise.race([
            Promise.allSettled(running.map((run) => run.done)).then(() => true),
            sleep(this.shutdownGraceMs, false),
        ]);
        if (!drained) {
            for (const run of this.inFlight) {
                run.givenBack = true;
                run.latch?.settle({ kind: 'nack', reason: 'shutting down' });
            }
            this.logger.warn({ message: 'shutdown grace period over; giving back running messages', count: this.inFlight.size });
        }
        await subscriptionsClosed;
        await this.publishers?.flush();
        await this.pubsub?.close();
        this._status$.next('closed');
    }
}
//# sourceMappingURL=pubsub.server.js.map