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
import { bindParameters, OutputTooLargeError, ReportFileStorage } from "../../../../libs/persistence/src/index.js";
import { PermanentError } from "../../../../libs/pubsub-transport/src/index.js";
import { FORMAT_DETAILS, RenderLimitError, RenderTimeoutError, rendererFor, } from "../../../../libs/rendering/src/index.js";
import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { MetricsService } from '../metrics/metrics.service.js';
/**
 * Renders a resolved request in each format, streaming rows from a MongoDB
 * cursor through the renderer into GridFS, within the configured limits.
 */
let ReportGenerator = class ReportGenerator {
    config;
    storage;
    metrics;
    connection;
    constructor(config, storage, metrics, connection) {
        this.config = config;
        this.storage = storage;
        this.metrics = metrics;
        this.connection = connection;
    }
    async generate(runId, request, signal) {
        const limits = this.config.reports;
        const pipeline = bindParameters(request.definition.pipeline, request.parameters);
        const rowCount = await this.countRows(request.definition.sourceCollection, pipeline);
        if (rowCount > limits.maxRows) {
            throw new PermanentError(`The report has ${rowCount} rows, over the limit of ${limits.maxRows}; narrow its parameters`, 'LIMIT_ROWS');
        }
        const files = await this.renderDocument(runId, this.document(request, pipeline, rowCount), request.formats, signal);
        return { rowCount, files };
    }
    /** Renders a prepared document in each format into storage, one format after another. */
    async renderDocument(runId, document, formats, signal) {
        const expiresAt = new Date(Date.now() + this.config.reports.retentionDays * 86_400_000);
        const files = [];
        for (const format of formats) {
            files.push(await this.renderOne(runId, format, document, expiresAt, signal));
        }
        return files;
    }
    async renderOne(runId, format, document, expiresAt, cancel) {
        const { contentType, fileExtension } = FORMAT_DETAILS[format];
        const filename = `${slug(document.title)}-${runId.slice(0, 8)}.${fileExtension}`;
        const { stream, stored } = await this.storage.openUpload({ runId, format, filename, contentType, expiresAt }, { maxBytes: this.config.reports.maxOutputBytes });
        const signal = AbortSignal.any([cancel, AbortSignal.timeout(this.config.reports.renderTimeoutMs)]);
        const startedAt = performance.now();
        const [rendered, file] = await Promise.allSettled([
            rendererFor(format, { pdf: { maxRows: this.config.reports.pdfMaxRows } }).render(document, stream, { signal }),
            stored,
        ]);
        if (rendered.status === 'fulfilled' && file.status === 'fulfilled') {
            this.metrics.recordRender(format, (performance.now() - startedAt) / 1000, file.value.bytes);
            return { format, filename, contentType, fileId: file.value.fileId, bytes: file.value.bytes, sha256: file.value.sha256 };
        }
        // The storage error says more than the renderer's "stream destroyed".
        const error = file.status === 'rejected' ? file.reason : rendered.reason;
        throw asLimitFailure(error, format) ?? error;
    }
    async countRows(collection, pipeline) {
        const [result] = await this.connection
            .db.collection(collection)
            .aggregate([...pipeline, { $count: 'n' }])
            .toArray();
        return result?.n ?? 0;
    }
    document(request, pipeline, rowCount) {
        const { definition } = request;
        const collection = this.connection.db.collection(definition.sourceCollection);
        return {
            title: definition.title,
            subtitle: definition.description,
            locale: request.locale,
            timeZone: request.timeZone,
            currency: request.currency,
            sections: [
                ...(Object.keys(request.parameters).length > 0
                    ? [
                        {
                            kind: 'keyValue',
                            title: 'Parameters',
                            entries: (definition.parameters ?? []).map((parameter) => ({
                                label: parameter.name,
                                value: request.parameters[parameter.name],
                                type: parameter.type === 'date' ? 'date' : parameter.type === 'datetime' ? 'datetime' : undefined,
                            })),
                        },
                    ]
                    : []),
                {
                    kind: 'table',
                    title: definition.title,
                    columns: definition.columns,
                    rowCount,
                    // Each call opens a fresh cursor: rows stream in batches, never all at once.
                    rows: () => collection.aggregate(pipeline, { batchSize: 1_000 }),
                },
            ],
        };
    }
};
ReportGenerator = __decorate([
    Injectable(),
    __param(3, InjectConnection()),
    __metadata("design:paramtypes", [AppConfig,
        ReportFileStorage,
        MetricsService, Function])
], ReportGenerator);
export { ReportGenerator };
function asLimitFailure(error, format) {
    if (error instanceof OutputTooLargeError) {
        return new PermanentError(`The ${format.toUpperCase()} file grew past the limit of ${error.limitBytes} bytes`, 'LIMIT_BYTES');
    }
    if (error instanceof RenderTimeoutError) {
        return new PermanentError(`Rendering the ${format.toUpperCase()} file took longer than the render timeout`, 'LIMIT_RENDER_TIME');
    }
    if (error instanceof RenderLimitError)
        return new PermanentError(error.message, error.code);
    return undefined;
}
function slug(title) {
    return (title
        .normalize('NFKD')
        .replace(/[^\w\s-]/g, '')
        .trim()
        .toLowerCase()
        .replace(/[\s_]+/g, '-')
        .slice(0, 60) || 'report');
}
//# sourceMappingURL=report-generator.service.js.map