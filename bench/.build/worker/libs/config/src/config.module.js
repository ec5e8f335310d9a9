var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var ConfigModule_1;
import { Global, Module } from '@nestjs/common';
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
let ConfigModule = ConfigModule_1 = class ConfigModule {
    static forRoot(config) {
        return {
            module: ConfigModule_1,
            providers: [
                { provide: AppConfig, useValue: config },
                { provide: Secrets, useValue: config.secrets },
                { provide: SecretRedactor, useValue: config.secrets.redactor },
                SecretsRefresher,
            ],
            exports: [AppConfig, Secrets, SecretRedactor, SecretsRefresher],
        };
    }
};
ConfigModule = ConfigModule_1 = __decorate([
    Global(),
    Module({})
], ConfigModule);
export { ConfigModule };
//# sourceMappingURL=config.module.js.map