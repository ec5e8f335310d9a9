import {
  BadRequestException,
  Body,
  Controller,
  Headers,
  HttpCode,
  HttpStatus,
  Inject,
  Logger,
  Post,
  ServiceUnavailableException,
  type Type,
  UnauthorizedException,
} from '@nestjs/common';
import { PUBSUB_SERVER } from '../pubsub.constants.js';
import type { PubSubServer } from '../pubsub.server.js';
import { MalformedEnvelopeError, parsePushEnvelope } from './push-envelope.js';
import {
  type PushAuthOptions,
  PushAuthenticationError,
  PushTokenVerifier,
} from './push-token.verifier.js';

export interface PubSubPushEndpoint {
  /** HTTP path of the endpoint, e.g. `/` or `/pubsub/push`. Default: `/pubsub/push`. */
  path?: string;
  /** OIDC verification of the push request. Required unless `auth: false`, which logs a warning at start-up. */
  auth: PushAuthOptions | false;
  /** Pattern for messages that carry none. */
  defaultPattern?: string;
  /** Topic permanent failures are published to (as for pulled messages). */
  deadLetterTopic?: string;
  /** Subscription name reported to handlers when the envelope has none. Default: `push`. */
  subscription?: string;
}

/**
 * Builds the controller of one push endpoint. A class per endpoint, because a
 * route path is fixed when its decorator runs.
 *
 * Answers: 204 when handled (or dead-lettered), 503 when the handler failed
 * and Pub/Sub should redeliver, 400 for a body that is not an envelope, 401
 * without a valid token.
 */
export function createPushController(endpoint: PubSubPushEndpoint): Type<unknown> {
  const logger = new Logger('PubSubPush');
  const verifier = endpoint.auth ? new PushTokenVerifier(endpoint.auth) : undefined;
  const path = endpoint.path ?? '/pubsub/push';

  @Controller()
  class PubSubPushController {
    constructor(@Inject(PUBSUB_SERVER) private readonly server: PubSubServer) {}

    @Post(path)
    @HttpCode(HttpStatus.NO_CONTENT)
    async receive(
      @Headers('authorization') authorization: string | undefined,
      @Body() body: unknown,
    ): Promise<void> {
      if (verifier) {
        try {
          await verifier.verify(authorization);
        } catch (error) {
          if (!(error instanceof PushAuthenticationError)) throw error;
          logger.warn({ message: 'push request refused', path, reason: error.message });
          throw new UnauthorizedException(error.message);
        }
      }
      let message;
      try {
        message = parsePushEnvelope(body, endpoint.subscription ?? 'push');
      } catch (error) {
        if (error instanceof MalformedEnvelopeError) throw new BadRequestException(error.message);
        throw error;
      }
      const outcome = await this.server.handlePushed(message, endpoint);
      if (outcome !== 'acked' && outcome !== 'dead-lettered') {
        // Pub/Sub redelivers a push answered with 5xx, with backoff.
        throw new ServiceUnavailableException({ outcome, messageId: message.id });
      }
    }
  }
  Object.defineProperty(PubSubPushController, 'name', { value: `PubSubPushController(${path})` });
  return PubSubPushController;
}
