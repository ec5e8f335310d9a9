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
import { ReportRunsRepository, RUN_STATUSES } from "../../../../libs/persistence/src/index.js";
import { PUBSUB_SERVER } from "../../../../libs/pubsub-transport/src/index.js";
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
/**
 * The worker's Prometheus metrics, in a registry of its own (several apps in
 * one test process must not share the global one).
 */
let MetricsService = class MetricsService {
    server;
    registry = new Registry();
    messages = new Counter({
        name: 'report_worker_messages_total',
        help: 'Messages settled, by pattern and outcome (acked, nacked, dead-lettered, ack-failed, given-back).',
        labelNames: ['pattern', 'outcome'],
        registers: [this.registry],
    });
    handlerSeconds = new Histogram({
        name: 'report_worker_handler_duration_seconds',
        help: 'Time from receiving a message to settling it, by pattern.',
        labelNames: ['pattern'],
        buckets: [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 300],
        registers: [this.registry],
    });
    renderSeconds = new Histogram({
        name: 'report_worker_render_duration_seconds',
        help: 'Time to render and store one report file, by format.',
        labelNames: ['format'],
        buckets: [0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 300],
        registers: [this.registry],
    });
    renderBytes = new Counter({
        name: 'report_worker_render_bytes_total',
        help: 'Bytes of report files stored, by format.',
        labelNames: ['format'],
        registers: [this.registry],
    });
    constructor(server, runs) {
        this.server = server;
        collectDefaultMetrics({ register: this.registry, prefix: 'report_worker_' });
        new Gauge({
            name: 'report_worker_runs',
            help: 'Report runs recorded, by status (read from MongoDB at each scrape).',
            labelNames: ['status'],
            registers: [this.registry],
            async collect() {
                const counts = await runs.countByStatus();
                for (const status of RUN_STATUSES)
                    this.set({ status }, counts[status]);
            },
        });
    }
    onModuleInit() {
        this.server.on('settled', ({ pattern, outcome, durationMs }) => {
            const label = pattern ?? 'unknown';
            this.messages.inc({ pattern: label, outcome });
            this.handlerSeconds.observe({ pattern: label }, durationMs / 1000);
        });
    }
    recordRender(format, seconds, bytes) {
        this.renderSeconds.observe({ format }, seconds);
        this.renderBytes.inc({ format }, bytes);
    }
};
MetricsService = __decorate([
    Injectable(),
    __param(0, Inject(PUBSUB_SERVER)),
    __metadata("design:paramtypes", [Function, ReportRunsRepository])
], MetricsService);
export { MetricsService };
//# sourceMappingURL=metrics.service.js.map