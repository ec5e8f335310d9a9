import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { PubSubHealthIndicator } from './pubsub.health-indicator.js';
import { PUBSUB_SERVER } from './pubsub.constants.js';
import type { PubSubServer } from './pubsub.server.js';
import { createPushController, type PubSubPushEndpoint } from './push/pubsub-push.controller.js';

export interface PubSubTransportModuleOptions {
  /** The server also passed to `app.connectMicroservice({ strategy: server })`. */
  server: PubSubServer;
  /** Push endpoints dispatching to the same handlers. */
  push?: PubSubPushEndpoint[];
}

/**
 * Drains the transport before Nest closes HTTP and the database: handlers
 * running at SIGTERM still have both while they finish.
 */
@Injectable()
class PubSubLifecycle implements BeforeApplicationShutdown, OnApplicationBootstrap {
  private readonly logger = new Logger('PubSubTransport');

  constructor(
    @Inject(PUBSUB_SERVER) private readonly server: PubSubServer,
    @Inject('PUBSUB_PUSH_ENDPOINTS') private readonly endpoints: PubSubPushEndpoint[],
  ) {}

  onApplicationBootstrap(): void {
    for (const endpoint of this.endpoints.filter(({ auth }) => auth === false)) {
      this.logger.warn(
        `Push endpoint ${endpoint.path ?? '/pubsub/push'} accepts requests WITHOUT token verification; anyone who can reach it can inject messages`,
      );
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.server.close();
  }
}

/**
 * Connects a `PubSubServer` to the HTTP application: push endpoints, the
 * health indicator, and draining on shutdown.
 */
@Module({})
export class PubSubTransportModule {
  static forRoot({ server, push = [] }: PubSubTransportModuleOptions): DynamicModule {
    return {
      module: PubSubTransportModule,
      // The server and its health indicator are needed app-wide (health, metrics).
      global: true,
      imports: [TerminusModule],
      controllers: push.map(createPushController),
      providers: [
        { provide: PUBSUB_SERVER, useValue: server },
        { provide: 'PUBSUB_PUSH_ENDPOINTS', useValue: push },
        PubSubLifecycle,
        PubSubHealthIndicator,
      ],
      exports: [PUBSUB_SERVER, PubSubHealthIndicator],
    };
  }
}
