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
import { AppConfig } from "../../../../libs/config/src/index.js";
import { DownloadLinkSigner } from "../../../../libs/delivery/src/index.js";
import { PubSubClient, PubSubRecord } from "../../../../libs/pubsub-transport/src/index.js";
import { Inject, Injectable } from '@nestjs/common';
import { lastValueFrom } from 'rxjs';
export const RESULTS_CLIENT = Symbol('RESULTS_CLIENT');
/**
 * Publishes what became of a run. Called before the request's message is
 * acked, and again for every redelivery of a finished run, so a consumer may
 * see an event twice (with the same run id) but never miss it.
 */
let ReportEventsPublisher = class ReportEventsPublisher {
    client;
    links;
    config;
    constructor(client, links, config) {
        this.client = client;
        this.links = links;
        this.config = config;
    }
    async publish(run) {
        const event = this.eventOf(run);
        // Awaiting the publish makes the event durable before the request is acked.
        await lastValueFrom(this.client.emit(event.event, new PubSubRecord(event, { attributes: { runId: run._id, status: run.status } })), { defaultValue: undefined });
        return event;
    }
    eventOf(run) {
        const succeeded = run.status === 'succeeded';
        return {
            event: succeeded ? 'report.completed' : 'report.failed',
            runId: run._id,
            idempotencyKey: run.idempotencyKey,
            status: succeeded ? 'succeeded' : 'failed',
            definition: run.definitionName ? { name: run.definitionName, version: run.definitionVersion } : undefined,
            files: (run.files ?? []).map((file) => {
                const link = this.links.sign(run._id, file.format);
                return {
                    format: file.format,
                    filename: file.filename,
                    contentType: file.contentType,
                    bytes: file.bytes,
                    sha256: file.sha256,
                    url: link.url,
                    urlExpiresAt: link.expiresAt.toISOString(),
                };
            }),
            rowCount: run.rowCount,
            durationMs: run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : undefined,
            error: run.error ? { code: run.error.code, message: this.config.secrets.redactor.redact(run.error.message), permanent: run.error.permanent } : undefined,
            requestedBy: run.requestedBy,
            correlationId: run.correlationId,
            finishedAt: run.finishedAt?.toISOString(),
        };
    }
    async onApplicationShutdown() {
        await this.client.close();
    }
};
ReportEventsPublisher = __decorate([
    Injectable(),
    __param(0, Inject(RESULTS_CLIENT)),
    __metadata("design:paramtypes", [PubSubClient,
        DownloadLinkSigner,
        AppConfig])
], ReportEventsPublisher);
export { ReportEventsPublisher };
//# sourceMappingURL=report-events.publisher.js.map