import { DownloadLinkSigner } from '@lib/delivery';
import {
  InvalidCursorError,
  ReportFileStorage,
  ReportRunsRepository,
  RUN_STATUSES,
  type RunStatus,
} from '@lib/persistence';
import {
  BadRequestException,
  Controller,
  ForbiddenException,
  Get,
  NotFoundException,
  Param,
  Query,
  Res,
  UseGuards,
} from '@nestjs/common';
import type { Response } from 'express';
import { AllowSignedLink, ApiTokenGuard } from './api-token.guard.js';
import { runView } from './run.view.js';

const MAX_PAGE = 100;

@Controller('runs')
@UseGuards(ApiTokenGuard)
export class RunsController {
  constructor(
    private readonly runs: ReportRunsRepository,
    private readonly storage: ReportFileStorage,
    private readonly links: DownloadLinkSigner,
  ) {}

  @Get()
  async list(
    @Query('status') status?: string,
    @Query('limit') limit = '20',
    @Query('cursor') cursor?: string,
  ) {
    if (status !== undefined && !(RUN_STATUSES as readonly string[]).includes(status)) {
      throw new BadRequestException(`status must be one of ${RUN_STATUSES.join(', ')}`);
    }
    const size = Number(limit);
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) {
      throw new BadRequestException(`limit must be a whole number from 1 to ${MAX_PAGE}`);
    }
    try {
      const page = await this.runs.list({
        status: status as RunStatus | undefined,
        limit: size,
        cursor,
      });
      return {
        runs: page.runs.map((run) => runView(run, this.links)),
        nextCursor: page.nextCursor,
      };
    } catch (error) {
      if (error instanceof InvalidCursorError) throw new BadRequestException(error.message);
      throw error;
    }
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    const run = await this.runs.findById(id);
    if (!run) throw new NotFoundException(`No run ${id}`);
    return runView(run, this.links);
  }

  /** The file itself, streamed from GridFS; with a token or a signed link. */
  @Get(':id/files/:format')
  @AllowSignedLink()
  async download(
    @Param('id') id: string,
    @Param('format') format: string,
    @Query('expires') expires: string | undefined,
    @Query('signature') signature: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    if (signature !== undefined) {
      const check = this.links.check(id, format, expires, signature);
      if (check !== 'valid')
        throw new ForbiddenException(
          check === 'expired'
            ? 'This download link has expired'
            : 'This download link is not valid',
        );
    }
    const run = await this.runs.findById(id);
    const file = run?.files?.find((candidate) => candidate.format === format);
    if (!run || !file) throw new NotFoundException(`Run ${id} has no ${format} file`);
    const download = await this.storage.openDownload(file.fileId);
    if (!download)
      throw new NotFoundException(`The ${format} file of run ${id} is no longer stored`);
    response.status(200);
    response.setHeader('content-type', download.contentType);
    response.setHeader('content-length', String(download.bytes));
    response.setHeader(
      'content-disposition',
      `attachment; filename="${download.filename.replace(/"/g, '')}"`,
    );
    response.setHeader('etag', `"${file.sha256}"`);
    response.setHeader('cache-control', 'private, max-age=0');
    download.stream.on('error', (error) => response.destroy(error));
    download.stream.pipe(response);
  }
}
