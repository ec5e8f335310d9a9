import { type AppConfig, ConfigModule } from '@lib/config';
import { PersistenceModule } from '@lib/persistence';
import { type DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from './health/health.module.js';

@Module({})
export class AppModule {
  /** The configuration is loaded before Nest starts, so it is passed in rather than read here. */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), PersistenceModule, HealthModule],
    };
  }
}
