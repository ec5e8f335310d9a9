import { AppConfig } from '@lib/config';
import {
  bindParameters,
  OutputTooLargeError,
  ReportFileStorage,
  type RunFile,
} from '@lib/persistence';
import { PermanentError } from '@lib/pubsub-transport';
import {
  FORMAT_DETAILS,
  type ReportDocument,
  type ReportFormat,
  RenderLimitError,
  RenderTimeoutError,
  rendererFor,
  type Row,
} from '@lib/rendering';
import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { MetricsService } from '../metrics/metrics.service.js';
import type { ResolvedRequest } from './resolved-request.js';

export interface GeneratedReport {
  rowCount: number;
  files: RunFile[];
}

/**
 * Renders a resolved request in each format, streaming rows from a MongoDB
 * cursor through the renderer into GridFS, within the configured limits.
 */
@Injectable()
export class ReportGenerator {
  constructor(
    private readonly config: AppConfig,
    private readonly storage: ReportFileStorage,
    private readonly metrics: MetricsService,
    @InjectConnection() private readonly connection: Connection,
  ) {}

  async generate(
    runId: string,
    request: ResolvedRequest,
    signal: AbortSignal,
  ): Promise<GeneratedReport> {
    const limits = this.config.reports;
    const pipeline = bindParameters(request.definition.pipeline, request.parameters) as Record<
      string,
      unknown
    >[];
    const rowCount = await this.countRows(request.definition.sourceCollection, pipeline);
    if (rowCount > limits.maxRows) {
      throw new PermanentError(
        `The report has ${rowCount} rows, over the limit of ${limits.maxRows}; narrow its parameters`,
        'LIMIT_ROWS',
      );
    }
    const files = await this.renderDocument(
      runId,
      this.document(request, pipeline, rowCount),
      request.formats,
      signal,
    );
    return { rowCount, files };
  }

  /**
   * Renders a prepared document in each format into storage, one format
   * after another. Files are named `<name>-<run>.<extension>`; the name
   * defaults to the title.
   */
  async renderDocument(
    runId: string,
    document: ReportDocument,
    formats: readonly ReportFormat[],
    signal: AbortSignal,
    name = document.title,
  ): Promise<RunFile[]> {
    const expiresAt = new Date(Date.now() + this.config.reports.retentionDays * 86_400_000);
    const files: RunFile[] = [];
    for (const format of formats) {
      const filename = `${slug(name)}-${runId.slice(0, 8)}.${FORMAT_DETAILS[format].fileExtension}`;
      files.push(await this.renderOne(runId, format, document, filename, expiresAt, signal));
    }
    return files;
  }

  private async renderOne(
    runId: string,
    format: ReportFormat,
    document: ReportDocument,
    filename: string,
    expiresAt: Date,
    cancel: AbortSignal,
  ): Promise<RunFile> {
    const { contentType } = FORMAT_DETAILS[format];
    const { stream, stored } = await this.storage.openUpload(
      { runId, format, filename, contentType, expiresAt },
      { maxBytes: this.config.reports.maxOutputBytes },
    );
    const signal = AbortSignal.any([
      cancel,
      AbortSignal.timeout(this.config.reports.renderTimeoutMs),
    ]);
    const startedAt = performance.now();
    const [rendered, file] = await Promise.allSettled([
      rendererFor(format, {
        pdf: { maxRows: this.config.reports.pdfMaxRows },
        csv: { bom: this.config.reports.csvBom },
      }).render(document, stream, { signal }),
      stored,
    ]);
    if (rendered.status === 'fulfilled' && file.status === 'fulfilled') {
      this.metrics.recordRender(format, (performance.now() - startedAt) / 1000, file.value.bytes);
      return {
        format,
        filename,
        contentType,
        fileId: file.value.fileId,
        bytes: file.value.bytes,
        sha256: file.value.sha256,
      };
    }
    // The storage error says more than the renderer's "stream destroyed".
    const error =
      file.status === 'rejected' ? file.reason : (rendered as PromiseRejectedResult).reason;
    throw asLimitFailure(error, format) ?? error;
  }

  private async countRows(
    collection: string,
    pipeline: Record<string, unknown>[],
  ): Promise<number> {
    const [result] = await this.connection
      .db!.collection(collection)
      .aggregate<{ n: number }>([...pipeline, { $count: 'n' }])
      .toArray();
    return result?.n ?? 0;
  }

  private document(
    request: ResolvedRequest,
    pipeline: Record<string, unknown>[],
    rowCount: number,
  ): ReportDocument {
    const { definition } = request;
    const collection = this.connection.db!.collection(definition.sourceCollection);
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
                kind: 'keyValue' as const,
                title: 'Parameters',
                entries: (definition.parameters ?? []).map((parameter) => ({
                  label: parameter.name,
                  value: shownParameter(request.parameters[parameter.name], parameter.type),
                  type:
                    parameter.type === 'date'
                      ? ('date' as const)
                      : parameter.type === 'datetime'
                        ? ('datetime' as const)
                        : undefined,
                })),
              },
            ]
          : []),
        {
          kind: 'table' as const,
          title: definition.title,
          columns: definition.columns,
          rowCount,
          // Each call opens a fresh cursor: rows stream in batches, never all at once.
          rows: () => collection.aggregate<Row>(pipeline, { batchSize: 1_000 }),
        },
      ],
    };
  }
}

function asLimitFailure(error: unknown, format: ReportFormat): PermanentError | undefined {
  if (error instanceof OutputTooLargeError) {
    return new PermanentError(
      `The ${format.toUpperCase()} file grew past the limit of ${error.limitBytes} bytes`,
      'LIMIT_BYTES',
    );
  }
  if (error instanceof RenderTimeoutError) {
    return new PermanentError(
      `Rendering the ${format.toUpperCase()} file took longer than the render timeout`,
      'LIMIT_RENDER_TIME',
    );
  }
  if (error instanceof RenderLimitError) return new PermanentError(error.message, error.code);
  return undefined;
}

/**
 * A `date` parameter is bound as the UTC midnight that starts it; shown, it
 * is the calendar date itself, whatever the report's time zone.
 */
function shownParameter(value: unknown, type: string): unknown {
  return type === 'date' && value instanceof Date ? value.toISOString().slice(0, 10) : value;
}

function slug(title: string): string {
  return (
    title
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, '-')
      .slice(0, 60) || 'report'
  );
}
