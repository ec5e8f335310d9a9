var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { PersistenceModule } from "../../../../libs/persistence/src/index.js";
import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module.js';
import { ApiTokenGuard } from './api-token.guard.js';
import { DefinitionsController } from './definitions.controller.js';
import { RunsController } from './runs.controller.js';
/** HTTP: runs and their files (`/runs`), report definitions (`/definitions`). */
let RunsApiModule = class RunsApiModule {
};
RunsApiModule = __decorate([
    Module({
        imports: [PersistenceModule, ReportsModule],
        controllers: [RunsController, DefinitionsController],
        providers: [ApiTokenGuard],
    })
], RunsApiModule);
export { RunsApiModule };
//# sourceMappingURL=runs-api.module.js.map