var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { AppConfig } from "../../../../libs/config/src/index.js";
import { PubSubHealthIndicator } from "../../../../libs/pubsub-transport/src/index.js";
import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, MongooseHealthIndicator, } from '@nestjs/terminus';
/**
 * Probes for Cloud Run and Kubernetes. Liveness asks only whether the process
 * answers, so a database outage never gets a healthy worker restarted;
 * readiness asks whether the worker can do its job now.
 */
let HealthController = class HealthController {
    health;
    mongoose;
    pubsub;
    config;
    constructor(health, mongoose, pubsub, config) {
        this.health = health;
        this.mongoose = mongoose;
        this.pubsub = pubsub;
        this.config = config;
    }
    live() {
        return this.health.check([]);
    }
    overall() {
        return this.health.check(this.readinessChecks());
    }
    ready() {
        return this.health.check(this.readinessChecks());
    }
    readinessChecks() {
        const timeout = this.config.healthCheckTimeoutMs;
        return [() => this.mongoose.pingCheck('mongodb', { timeout }), () => this.pubsub.isHealthy('pubsub')];
    }
};
__decorate([
    Get('live'),
    HealthCheck(),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], HealthController.prototype, "live", null);
__decorate([
    Get(),
    HealthCheck(),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], HealthController.prototype, "overall", null);
__decorate([
    Get('ready'),
    HealthCheck(),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], HealthController.prototype, "ready", null);
HealthController = __decorate([
    Controller('health'),
    __metadata("design:paramtypes", [HealthCheckService,
        MongooseHealthIndicator,
        PubSubHealthIndicator,
        AppConfig])
], HealthController);
export { HealthController };
//# sourceMappingURL=health.controller.js.map