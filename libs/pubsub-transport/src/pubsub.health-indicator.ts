import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { PUBSUB_SERVER } from './pubsub.constants.js';
import type { PubSubServer } from './pubsub.server.js';

/**
 * Is the Pub/Sub transport taking messages? Down while shutting down or when
 * a subscription's stream has closed; the last error and the messages in
 * flight are reported either way.
 */
@Injectable()
export class PubSubHealthIndicator {
  constructor(
    @Inject(PUBSUB_SERVER) private readonly server: PubSubServer,
    private readonly indicators: HealthIndicatorService,
  ) {}

  isHealthy(key = 'pubsub') {
    const indicator = this.indicators.check(key);
    const { closing, inFlight, subscriptions } = this.server.health();
    const details = {
      inFlight,
      subscriptions: Object.fromEntries(
        subscriptions.map(({ name, ...state }) => [
          name,
          { ...state, lastErrorAt: state.lastErrorAt?.toISOString() },
        ]),
      ),
    };
    if (closing) return indicator.down({ ...details, reason: 'shutting down' });
    const closed = subscriptions
      .filter((subscription) => !subscription.open)
      .map(({ name }) => name);
    if (closed.length > 0)
      return indicator.down({ ...details, reason: `not pulling from ${closed.join(', ')}` });
    return indicator.up(details);
  }
}
