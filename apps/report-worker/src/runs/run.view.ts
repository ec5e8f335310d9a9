import type { DownloadLinkSigner } from '@lib/delivery';
import type { ReportRun } from '@lib/persistence';

/** A run as the API shows it: its record, with a signed download link per file. */
export function runView(run: ReportRun, links: DownloadLinkSigner) {
  return {
    id: run._id,
    idempotencyKey: run.idempotencyKey,
    pattern: run.pattern,
    status: run.status,
    definition: run.definitionName
      ? { name: run.definitionName, version: run.definitionVersion }
      : undefined,
    parameters: run.parameters,
    formats: run.formats,
    attempts: run.attempts,
    messageIds: run.messageIds,
    receivedAt: run.receivedAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    rowCount: run.rowCount,
    files: (run.files ?? []).map((file) => {
      const link = links.sign(run._id, file.format);
      return { ...file, url: link.url, urlExpiresAt: link.expiresAt };
    }),
    error: run.error,
    requestedBy: run.requestedBy,
    correlationId: run.correlationId,
  };
}
