import type { NewRun, ReportRun } from '@lib/persistence';
import type { PubSubContext } from '@lib/pubsub-transport';
import { Injectable } from '@nestjs/common';
import type { GenerateReportRequest } from './generate-report.request.js';
import { ReportGenerator } from './report-generator.service.js';
import { ReportRequestResolver } from './report-request.resolver.js';
import { RunExecutor } from './run-executor.js';

/**
 * `report.generate`: a run per idempotency key, rendering every requested
 * format of a stored or inline definition.
 */
@Injectable()
export class ReportRequestsService {
  constructor(
    private readonly resolver: ReportRequestResolver,
    private readonly generator: ReportGenerator,
    private readonly executor: RunExecutor,
  ) {}

  async handle(payload: unknown, context: PubSubContext): Promise<ReportRun> {
    const messageId = context.getMessageId();
    // Parsed before the run is claimed, but an invalid request still gets a
    // run: its failure is recorded and announced like any other.
    const parsed = await this.resolver.parse(payload).then(
      (request) => ({ request }),
      (error: unknown) => ({ request: undefined, error }),
    );
    return this.executor.execute(
      this.newRun(parsed.request, payload, context, messageId),
      messageId,
      async (run, signal) => {
        if (!parsed.request) throw parsed.error;
        const resolved = await this.resolver.resolve(parsed.request);
        const generated = await this.generator.generate(run._id, resolved, signal);
        return { ...generated, definitionVersion: resolved.definition.version };
      },
    );
  }

  private newRun(
    request: GenerateReportRequest | undefined,
    payload: unknown,
    context: PubSubContext,
    messageId: string,
  ): NewRun {
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
}

function usableKey(payload: unknown): string | undefined {
  const key = (payload as { idempotencyKey?: unknown } | null)?.idempotencyKey;
  return typeof key === 'string' && key.length > 0 && key.length <= 200 ? key : undefined;
}
