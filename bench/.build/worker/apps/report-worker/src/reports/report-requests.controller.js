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
import { PubSubContext } from "../../../../libs/pubsub-transport/src/index.js";
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ReportRequestsService } from './report-requests.service.js';
export const GENERATE_REPORT = 'report.generate';
let ReportRequestsController = class ReportRequestsController {
    requests;
    constructor(requests) {
        this.requests = requests;
    }
    /** Settles after the run is recorded and its event published; see README "Message formats". */
    async generate(payload, context) {
        await this.requests.handle(payload, context);
    }
};
__decorate([
    EventPattern(GENERATE_REPORT),
    __param(0, Payload()),
    __param(1, Ctx()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, PubSubContext]),
    __metadata("design:returntype", Promise)
], ReportRequestsController.prototype, "generate", null);
ReportRequestsController = __decorate([
    Controller(),
    __metadata("design:paramtypes", [ReportRequestsService])
], ReportRequestsController);
export { ReportRequestsController };
//# sourceMappingURL=report-requests.controller.js.map