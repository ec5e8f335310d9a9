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
import { BadRequestException, Body, Controller, Headers, HttpCode, HttpStatus, Inject, Logger, Post, ServiceUnavailableException, UnauthorizedException, } from '@nestjs/common';
import { PUBSUB_SERVER } from '../pubsub.constants.js';
import { MalformedEnvelopeError, parsePushEnvelope } from './push-envelope.js';
import { PushAuthenticationError, PushTokenVerifier } from './push-token.verifier.js';
/**
 * Builds the controller of one push endpoint. A class per endpoint, because a
 * route path is fixed when its decorator runs.
 *
 * Answers: 204 when handled (or dead-lettered), 503 when the handler failed
 * and Pub/Sub should redeliver, 400 for a body that is not an envelope, 401
 * without a valid token.
 */
export function createPushController(endpoint) {
    const logger = new Logger('PubSubPush');
    const verifier = endpoint.auth ? new PushTokenVerifier(endpoint.auth) : undefined;
    const path = endpoint.path ?? '/pubsub/push';
    let PubSubPushController = class PubSubPushController {
        server;
        constructor(server) {
            this.server = server;
        }
        async receive(authorization, body) {
            if (verifier) {
                try {
                    await verifier.verify(authorization);
                }
                catch (error) {
                    if (!(error instanceof PushAuthenticationError))
                        throw error;
                    logger.warn({ message: 'push request refused', path, reason: error.message });
                    throw new UnauthorizedException(error.message);
                }
            }
            let message;
            try {
                message = parsePushEnvelope(body, endpoint.subscription ?? 'push');
            }
            catch (error) {
                if (error instanceof MalformedEnvelopeError)
                    throw new BadRequestException(error.message);
                throw error;
            }
            const outcome = await this.server.handlePushed(message, endpoint);
            if (outcome !== 'acked' && outcome !== 'dead-lettered') {
                // Pub/Sub redelivers a push answered with 5xx, with backoff.
                throw new ServiceUnavailableException({ outcome, messageId: message.id });
            }
        }
    };
    __decorate([
        Post(path),
        HttpCode(HttpStatus.NO_CONTENT),
        __param(0, Headers('authorization')),
        __param(1, Body()),
        __metadata("design:type", Function),
        __metadata("design:paramtypes", [Object, Object]),
        __metadata("design:returntype", Promise)
    ], PubSubPushController.prototype, "receive", null);
    PubSubPushController = __decorate([
        Controller(),
        __param(0, Inject(PUBSUB_SERVER)),
        __metadata("design:paramtypes", [Function])
    ], PubSubPushController);
    Object.defineProperty(PubSubPushController, 'name', { value: `PubSubPushController(${path})` });
    return PubSubPushController;
}
//# sourceMappingURL=pubsub-push.controller.js.map