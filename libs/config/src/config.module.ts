import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config.js';
import { SecretRedactor } from './secrets/secret-redactor.js';
import { Secrets } from './secrets/secrets.js';
import { SecretsRefresher } from './secrets/secrets-refresher.js';

/**
 * Provides the validated `AppConfig` to every module, with its secrets: the
 * `SecretRedactor` (for health details and events), `Secrets` and the
 * `SecretsRefresher` (for consumers of rotated values). The configuration is
 * loaded before Nest starts (see `main.ts`), so a bad environment or a
 * missing secret stops the process before any connection is attempted.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: Secrets, useValue: config.secrets },
        { provide: SecretRedactor, useValue: config.secrets.redactor },
        SecretsRefresher,
      ],
      exports: [AppConfig, Secrets, SecretRedactor, SecretsRefresher],
    };
  }
}
