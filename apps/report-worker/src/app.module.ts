import { type AppConfig, ConfigModule } from '@lib/config';
import { PersistenceModule } from '@lib/persistence';
import { type PubSubServer, PubSubTransportModule } from '@lib/pubsub-transport';
import { type DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from './health/health.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { pushEndpoints } from './pubsub-wiring.js';
import { ReportsModule } from './reports/reports.module.js';
import { RunsApiModule } from './runs/runs-api.module.js';

@Module({})
export class AppModule {
  /**
   * The configuration is loaded before Nest starts (so it is passed in, not
   * read here), and the Pub/Sub server is the one connected as microservice.
   */
  static forRoot(config: AppConfig, server: PubSubServer): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        PubSubTransportModule.forRoot({ server, push: pushEndpoints(config) }),
        PersistenceModule,
        MetricsModule,
        HealthModule,
        ReportsModule,
        JobsModule,
        ...(config.runsApi.enabled ? [RunsApiModule] : []),
      ],
    };
  }
}
