var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { PUBSUB_SERVER } from './pubsub.constants.js';
/**
 * Is the Pub/Sub transport taking messages? Down while shutting down or when
 * a subscription's stream has closed; the last error and the messages in
 * flight are reported either way.
 */
let PubSubHealthIndicator = class PubSubHealthIndicator {
    server;
    indicators;
    constructor(server, indicators) {
        this.server = server;
        this.indicators = indicators;
    }
    isHealthy(key = 'pubsub') {
        const indicator = this.indicators.check(key);
        const { closing, inFlight, subscriptions } = this.server.health();
        const details = {
            inFlight,
            subscriptions: Object.fromEntries(subscriptions.map(({ name, ...state }) => [
                name,
                { ...state, lastErrorAt: state.lastErrorAt?.toISOString() },
            ])),
        };
        if (closing)
            return indicator.down({ ...details, reason: 'shutting down' });
        const closed = subscriptions.filter((subscription) => !subscription.open).map(({ name }) => name);
        if (closed.length > 0)
            return indicator.down({ ...details, reason: `not pulling from ${closed.join(', ')}` });
        return indicator.up(details);
    }
};
PubSubHealthIndicator = __decorate([
    Injectable(),
    __param(0, Inject(PUBSUB_SERVER)),
    __metadata("design:paramtypes", [Function, HealthIndicatorService])
], PubSubHealthIndicator);
export { PubSubHealthIndicator };
//# sourceMappingURL=pubsub.health-indicator.js.map