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
var PubSubTransportModule_1;
import { Inject, Injectable, Logger, Module, } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PubSubHealthIndicator } from './pubsub.health-indicator.js';
import { PUBSUB_SERVER } from './pubsub.constants.js';
import { createPushController } from './push/pubsub-push.controller.js';
/**
 * Drains the transport before Nest closes HTTP and the database: handlers
 * running at SIGTERM still have both while they finish.
 */
let PubSubLifecycle = class PubSubLifecycle {
    server;
    endpoints;
    logger = new Logger('PubSubTransport');
    constructor(server, endpoints) {
        this.server = server;
        this.endpoints = endpoints;
    }
    onApplicationBootstrap() {
        for (const endpoint of this.endpoints.filter(({ auth }) => auth === false)) {
            this.logger.warn(`Push endpoint ${endpoint.path ?? '/pubsub/push'} accepts requests WITHOUT token verification; anyone who can reach it can inject messages`);
        }
    }
    async beforeApplicationShutdown() {
        await this.server.close();
    }
};
PubSubLifecycle = __decorate([
    Injectable(),
    __param(0, Inject(PUBSUB_SERVER)),
    __param(1, Inject('PUBSUB_PUSH_ENDPOINTS')),
    __metadata("design:paramtypes", [Function, Array])
], PubSubLifecycle);
/**
 * Connects a `PubSubServer` to the HTTP application: push endpoints, the
 * health indicator, and draining on shutdown.
 */
let PubSubTransportModule = PubSubTransportModule_1 = class PubSubTransportModule {
    static forRoot({ server, push = [] }) {
        return {
            module: PubSubTransportModule_1,
            // The server and its health indicator are needed app-wide (health, metrics).
            global: true,
            imports: [TerminusModule],
            controllers: push.map(createPushController),
            providers: [
                { provide: PUBSUB_SERVER, useValue: server },
                { provide: 'PUBSUB_PUSH_ENDPOINTS', useValue: push },
                PubSubLifecycle,
                PubSubHealthIndicator,
            ],
            exports: [PUBSUB_SERVER, PubSubHealthIndicator],
        };
    }
};
PubSubTransportModule = PubSubTransportModule_1 = __decorate([
    Module({})
], PubSubTransportModule);
export { PubSubTransportModule };
//# sourceMappingURL=pubsub-transport.module.js.map