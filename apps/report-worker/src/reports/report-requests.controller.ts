import { PubSubContext } from '@lib/pubsub-transport';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ReportRequestsService } from './report-requests.service.js';

export const GENERATE_REPORT = 'report.generate';

@Controller()
export class ReportRequestsController {
  constructor(private readonly requests: ReportRequestsService) {}

  /** Settles after the run is recorded and its event published; see README "Message formats". */
  @EventPattern<string>(GENERATE_REPORT)
  async generate(@Payload() payload: unknown, @Ctx() context: PubSubContext): Promise<void> {
    await this.requests.handle(payload, context);
  }
}
