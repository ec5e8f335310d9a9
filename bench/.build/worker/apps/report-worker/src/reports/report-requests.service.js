var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Injectable } from '@nestjs/common';
import { ReportGenerator } from './report-generator.service.js';
import { ReportRequestResolver } from './report-request.resolver.js';
import { RunExecutor } from './run-executor.js';
/**
 * `report.generate`: a run per idempotency key, rendering every requested
 * format of a stored or inline definition.
 */
let ReportRequestsService = class ReportRequestsService {
    resolver;
    generator;
    executor;
    constructor(resolver, generator, executor) {
        this.resolver = resolver;
        this.generator = generator;
        this.executor = executor;
    }
    async handle(payload, context) {
        const messageId = context.getMessageId();
        // Parsed before the run is claimed, but an invalid request still gets a
        // run: its failure is recorded and announced like any other.
        const parsed = await this.resolver.parse(payload).then((request) => ({ request }), (error) => ({ request: undefined, error }));
        return this.executor.execute(this.newRun(parsed.request, payload, context, messageId), messageId, async (run, signal) => {
            if (!parsed.request)
                throw parsed.error;
            const resolved = await this.resolver.resolve(parsed.request);
            const generated = await this.generator.generate(run._id, resolved, signal);
            return { ...generated, definitionVersion: resolved.definition.version };
        });
    }
    newRun(request, payload, context, messageId) {
        return {
            // An invalid request still keeps its own key when it has a usable one,
            // so its redeliveries and its failure event carry the key the sender knows.
            idempotencyKey: request?.idempotencyKey ?? usableKey(payload) ?? `message:${messageId}`,
            pattern: context.getPattern(),
            definitionName: request?.definition,
            definitionVersion: request?.definitionVersion,
            parameters: request?.parameters ?? {},
            formats: request?.formats ?? [],
            requestedBy: request?.requestedBy,
            correlationId: request?.correlationId,
            locale: request?.locale,
            timeZone: request?.timeZone,
        };
    }
};
ReportRequestsService = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [ReportRequestResolver,
        ReportGenerator,
        RunExecutor])
], ReportRequestsService);
export { ReportRequestsService };
function usableKey(payload) {
    const key = payload?.idempotencyKey;
    return typeof key === 'string' && key.length > 0 && key.length <= 200 ? key : undefined;
}
//# sourceMappingURL=report-requests.service.js.map