var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var AppModule_1;
import { ConfigModule } from "../../../libs/config/src/index.js";
import { PersistenceModule } from "../../../libs/persistence/src/index.js";
import { PubSubTransportModule } from "../../../libs/pubsub-transport/src/index.js";
import { Module } from '@nestjs/common';
import { HealthModule } from './health/health.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { pushEndpoints } from './pubsub-wiring.js';
import { ReportsModule } from './reports/reports.module.js';
import { RunsApiModule } from './runs/runs-api.module.js';
let AppModule = AppModule_1 = class AppModule {
    /**
     * The configuration is loaded before Nest starts (so it is passed in, not
     * read here), and the Pub/Sub server is the one connected as microservice.
     */
    static forRoot(config, server) {
        return {
            module: AppModule_1,
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
};
AppModule = AppModule_1 = __decorate([
    Module({})
], AppModule);
export { AppModule };
//# sourceMappingURL=app.module.js.map