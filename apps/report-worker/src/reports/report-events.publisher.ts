import { AppConfig } from '@lib/config';
import { DownloadLinkSigner } from '@lib/delivery';
import type { ReportRun } from '@lib/persistence';
import { PubSubClient, PubSubRecord } from '@lib/pubsub-transport';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { lastValueFrom } from 'rxjs';

export const RESULTS_CLIENT = Symbol('RESULTS_CLIENT');

export type ReportEventName = 'report.completed' | 'report.failed';

/** The body of `report.completed` / `report.failed` on the results topic. */
export interface ReportEvent {
  event: ReportEventName;
  runId: string;
  idempotencyKey: string;
  status: 'succeeded' | 'failed';
  definition?: { name?: string; version?: number };
  files: {
    format: string;
    filename: string;
    contentType: string;
    bytes: number;
    sha256: string;
    url: string;
    urlExpiresAt: string;
  }[];
  rowCount?: number;
  durationMs?: number;
  error?: { code: string; message: string; permanent: boolean };
  requestedBy?: string;
  correlationId?: string;
  finishedAt?: string;
}

/**
 * Publishes what became of a run. Called before the request's message is
 * acked, and again for every redelivery of a finished run, so a consumer may
 * see an event twice (with the same run id) but never miss it.
 */
@Injectable()
export class ReportEventsPublisher implements OnApplicationShutdown {
  constructor(
    @Inject(RESULTS_CLIENT) private readonly client: PubSubClient,
    private readonly links: DownloadLinkSigner,
    private readonly config: AppConfig,
  ) {}

  async publish(run: ReportRun): Promise<ReportEvent> {
    const event = this.eventOf(run);
    // Awaiting the publish makes the event durable before the request is acked.
    await lastValueFrom(
      this.client.emit(
        event.event,
        new PubSubRecord(event, { attributes: { runId: run._id, status: run.status } }),
      ),
      { defaultValue: undefined },
    );
    return event;
  }

  eventOf(run: ReportRun): ReportEvent {
    const succeeded = run.status === 'succeeded';
    return {
      event: succeeded ? 'report.completed' : 'report.failed',
      runId: run._id,
      idempotencyKey: run.idempotencyKey,
      status: succeeded ? 'succeeded' : 'failed',
      definition: run.definitionName
        ? { name: run.definitionName, version: run.definitionVersion }
        : undefined,
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
      durationMs:
        run.startedAt && run.finishedAt
          ? run.finishedAt.getTime() - run.startedAt.getTime()
          : undefined,
      error: run.error
        ? {
            code: run.error.code,
            message: this.config.secrets.redactor.redact(run.error.message),
            permanent: run.error.permanent,
          }
        : undefined,
      requestedBy: run.requestedBy,
      correlationId: run.correlationId,
      finishedAt: run.finishedAt?.toISOString(),
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
