import { ReportRunsRepository, RUN_STATUSES } from '@lib/persistence';
import { PUBSUB_SERVER, type PubSubServer } from '@lib/pubsub-transport';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The worker's Prometheus metrics, in a registry of its own (several apps in
 * one test process must not share the global one).
 */
@Injectable()
export class MetricsService implements OnModuleInit {
  readonly registry = new Registry();

  private readonly messages = new Counter({
    name: 'report_worker_messages_total',
    help: 'Messages settled, by pattern and outcome (acked, nacked, dead-lettered, ack-failed, given-back).',
    labelNames: ['pattern', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly handlerSeconds = new Histogram({
    name: 'report_worker_handler_duration_seconds',
    help: 'Time from receiving a message to settling it, by pattern.',
    labelNames: ['pattern'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });

  private readonly renderSeconds = new Histogram({
    name: 'report_worker_render_duration_seconds',
    help: 'Time to render and store one report file, by format.',
    labelNames: ['format'] as const,
    buckets: [0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });

  private readonly renderBytes = new Counter({
    name: 'report_worker_render_bytes_total',
    help: 'Bytes of report files stored, by format.',
    labelNames: ['format'] as const,
    registers: [this.registry],
  });

  /** Filled at each scrape by its `collect`. */
  private readonly runsByStatus: Gauge<'status'>;

  constructor(
    @Inject(PUBSUB_SERVER) private readonly server: PubSubServer,
    runs: ReportRunsRepository,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'report_worker_' });
    this.runsByStatus = new Gauge({
      name: 'report_worker_runs',
      help: 'Report runs recorded, by status (read from MongoDB at each scrape).',
      labelNames: ['status'] as const,
      registers: [this.registry],
      async collect() {
        const counts = await runs.countByStatus();
        for (const status of RUN_STATUSES) this.set({ status }, counts[status]);
      },
    });
  }

  onModuleInit(): void {
    this.server.on('settled', ({ pattern, outcome, durationMs }) => {
      const label = pattern ?? 'unknown';
      this.messages.inc({ pattern: label, outcome });
      this.handlerSeconds.observe({ pattern: label }, durationMs / 1000);
    });
  }

  recordRender(format: string, seconds: number, bytes: number): void {
    this.renderSeconds.observe({ format }, seconds);
    this.renderBytes.inc({ format }, bytes);
  }
}
