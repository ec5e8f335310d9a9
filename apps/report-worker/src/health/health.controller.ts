import { AppConfig } from '@lib/config';
import { PubSubHealthIndicator } from '@lib/pubsub-transport';
import { Controller, Get } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  type HealthIndicatorFunction,
  MongooseHealthIndicator,
} from '@nestjs/terminus';

/**
 * Probes for Cloud Run and Kubernetes. Liveness asks only whether the process
 * answers, so a database outage never gets a healthy worker restarted;
 * readiness asks whether the worker can do its job now.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly mongoose: MongooseHealthIndicator,
    private readonly pubsub: PubSubHealthIndicator,
    private readonly config: AppConfig,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get()
  @HealthCheck()
  overall() {
    return this.health.check(this.readinessChecks());
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check(this.readinessChecks());
  }

  private readinessChecks(): HealthIndicatorFunction[] {
    const timeout = this.config.healthCheckTimeoutMs;
    return [
      () => this.mongoose.pingCheck('mongodb', { timeout }),
      () => this.pubsub.isHealthy('pubsub'),
    ];
  }
}
