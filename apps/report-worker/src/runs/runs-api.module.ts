import { PersistenceModule } from '@lib/persistence';
import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module.js';
import { ApiTokenGuard } from './api-token.guard.js';
import { DefinitionsController } from './definitions.controller.js';
import { RunsController } from './runs.controller.js';

/** HTTP: runs and their files (`/runs`), report definitions (`/definitions`). */
@Module({
  imports: [PersistenceModule, ReportsModule],
  controllers: [RunsController, DefinitionsController],
  providers: [ApiTokenGuard],
})
export class RunsApiModule {}
