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
import { DownloadLinkSigner } from "../../../../libs/delivery/src/index.js";
import { InvalidCursorError, ReportFileStorage, ReportRunsRepository, RUN_STATUSES } from "../../../../libs/persistence/src/index.js";
import { BadRequestException, Controller, ForbiddenException, Get, NotFoundException, Param, Query, Res, UseGuards, } from '@nestjs/common';
import { AllowSignedLink, ApiTokenGuard } from './api-token.guard.js';
import { runView } from './run.view.js';
const MAX_PAGE = 100;
let RunsController = class RunsController {
    runs;
    storage;
    links;
    constructor(runs, storage, links) {
        this.runs = runs;
        this.storage = storage;
        this.links = links;
    }
    async list(status, limit = '20', cursor) {
        if (status !== undefined && !RUN_STATUSES.includes(status)) {
            throw new BadRequestException(`status must be one of ${RUN_STATUSES.join(', ')}`);
        }
        const size = Number(limit);
        if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) {
            throw new BadRequestException(`limit must be a whole number from 1 to ${MAX_PAGE}`);
        }
        try {
            const page = await this.runs.list({ status: status, limit: size, cursor });
            return { runs: page.runs.map((run) => runView(run, this.links)), nextCursor: page.nextCursor };
        }
        catch (error) {
            if (error instanceof InvalidCursorError)
                throw new BadRequestException(error.message);
            throw error;
        }
    }
    async get(id) {
        const run = await this.runs.findById(id);
        if (!run)
            throw new NotFoundException(`No run ${id}`);
        return runView(run, this.links);
    }
    /** The file itself, streamed from GridFS; with a token or a signed link. */
    async download(id, format, expires, signature, response) {
        if (signature !== undefined) {
            const check = this.links.check(id, format, expires, signature);
            if (check !== 'valid')
                throw new ForbiddenException(check === 'expired' ? 'This download link has expired' : 'This download link is not valid');
        }
        const run = await this.runs.findById(id);
        const file = run?.files?.find((candidate) => candidate.format === format);
        if (!run || !file)
            throw new NotFoundException(`Run ${id} has no ${format} file`);
        const download = await this.storage.openDownload(file.fileId);
        if (!download)
            throw new NotFoundException(`The ${format} file of run ${id} is no longer stored`);
        response.status(200);
        response.setHeader('content-type', download.contentType);
        response.setHeader('content-length', String(download.bytes));
        response.setHeader('content-disposition', `attachment; filename="${download.filename.replace(/"/g, '')}"`);
        response.setHeader('etag', `"${file.sha256}"`);
        response.setHeader('cache-control', 'private, max-age=0');
        download.stream.on('error', (error) => response.destroy(error));
        download.stream.pipe(response);
    }
};
__decorate([
    Get(),
    __param(0, Query('status')),
    __param(1, Query('limit')),
    __param(2, Query('cursor')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, Object, String]),
    __metadata("design:returntype", Promise)
], RunsController.prototype, "list", null);
__decorate([
    Get(':id'),
    __param(0, Param('id')),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String]),
    __metadata("design:returntype", Promise)
], RunsController.prototype, "get", null);
__decorate([
    Get(':id/files/:format'),
    AllowSignedLink(),
    __param(0, Param('id')),
    __param(1, Param('format')),
    __param(2, Query('expires')),
    __param(3, Query('signature')),
    __param(4, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [String, String, Object, Object, Object]),
    __metadata("design:returntype", Promise)
], RunsController.prototype, "download", null);
RunsController = __decorate([
    Controller('runs'),
    UseGuards(ApiTokenGuard),
    __metadata("design:paramtypes", [ReportRunsRepository,
        ReportFileStorage,
        DownloadLinkSigner])
], RunsController);
export { RunsController };
//# sourceMappingURL=runs.controller.js.map