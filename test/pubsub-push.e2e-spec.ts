import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PermanentError, PubSubContext } from '@lib/pubsub-transport';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SuiteEnvironment } from './support/test-environment.js';
import {
  collect,
  createSubscription,
  rawPubSub,
  type RunningTransport,
  startTransport,
} from './support/transport-harness.js';

type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

const AUDIENCE = 'https://report-worker.example.run.app/pubsub/push';
const PUSHER = 'pubsub-push@acme.iam.gserviceaccount.com';

/** Serves a JWKS the way Google publishes its signing keys, so tests can sign their own tokens. */
async function startKeyServer(jwk: JWK): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/certs`, server };
}

describe('push endpoint', () => {
  const suite = new SuiteEnvironment('push');
  const pubsub = rawPubSub(suite);
  const handled: {
    data: unknown;
    messageId: string;
    subscription: string;
    attributes: Record<string, string>;
  }[] = [];
  let transport: RunningTransport;
  let keyServer: Server;
  let sign: (
    claims?: Record<string, unknown>,
    options?: { expiresIn?: string; key?: SigningKey },
  ) => Promise<string>;
  let failNext = false;

  @Controller()
  class PushedHandler {
    @EventPattern<string>('pushed.job')
    handle(@Payload() data: { value: string }, @Ctx() context: PubSubContext) {
      if (failNext) {
        failNext = false;
        throw new Error('temporarily failing');
      }
      if (data.value === 'invalid')
        throw new PermanentError('value "invalid" is not allowed', 'INVALID_PAYLOAD');
      handled.push({
        data,
        messageId: context.getMessageId(),
        subscription: context.getSubscription(),
        attributes: { ...context.getAttributes() },
      });
    }
  }

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    const keys = await startKeyServer(jwk);
    keyServer = keys.server;
    sign = (claims = {}, { expiresIn = '5m', key = privateKey } = {}) =>
      new SignJWT({ email: PUSHER, email_verified: true, ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuer((claims.iss as string) ?? 'https://accounts.google.com')
        .setAudience((claims.aud as string) ?? AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(key);
    await createSubscription(pubsub, suite.name('push-dlq'), suite.name('push-dlq-reader'));
    transport = await startTransport(suite, [PushedHandler], {
      push: [
        {
          path: '/pubsub/push',
          auth: { audience: AUDIENCE, serviceAccountEmails: [PUSHER], jwksUrl: keys.url },
          deadLetterTopic: suite.name('push-dlq'),
        },
      ],
    });
  });

  afterAll(async () => {
    await transport?.close();
    keyServer?.close();
    await pubsub.close();
  });

  const envelope = (
    data: unknown,
    attributes: Record<string, string> = { pattern: 'pushed.job' },
    messageId = String(Date.now() + Math.random()),
  ) => ({
    message: {
      data: Buffer.from(JSON.stringify(data)).toString('base64'),
      attributes,
      messageId,
      publishTime: '2026-12-04T10:00:00.000Z',
    },
    subscription: 'projects/acme/subscriptions/report-worker-push',
  });

  const push = (body: unknown, token?: string) => {
    const call = request(transport.app.getHttpServer())
      .post('/pubsub/push')
      .send(body as object);
    return token ? call.set('authorization', `Bearer ${token}`) : call;
  };

  it('handles a message with a valid token and answers 204', async () => {
    const response = await push(
      envelope({ value: 'ok' }, { pattern: 'pushed.job', tenant: 'acme' }, 'm-1'),
      await sign(),
    );
    expect(response.status).toBe(204);
    expect(handled.at(-1)).toEqual({
      data: { value: 'ok' },
      messageId: 'm-1',
      subscription: 'report-worker-push',
      attributes: { pattern: 'pushed.job', tenant: 'acme' },
    });
  });

  it.each([
    ['no token', async () => undefined],
    ['an expired token', async () => sign({}, { expiresIn: '-10m' })],
    ['a token for another audience', async () => sign({ aud: 'https://elsewhere.example' })],
    ['a token from another issuer', async () => sign({ iss: 'https://evil.example' })],
    [
      'a tampered token',
      async () => {
        const [header, , signature] = (await sign()).split('.');
        const forged = Buffer.from(
          JSON.stringify({
            email: PUSHER,
            email_verified: true,
            aud: AUDIENCE,
            iss: 'https://accounts.google.com',
            exp: 9_999_999_999,
            iat: 1,
          }),
        ).toString('base64url');
        return `${header}.${forged}.${signature}`;
      },
    ],
    [
      'a token signed by an unknown key',
      async () => sign({}, { key: (await generateKeyPair('RS256')).privateKey }),
    ],
    [
      'a service account not on the allow-list',
      async () => sign({ email: 'intruder@evil.iam.gserviceaccount.com' }),
    ],
  ])('refuses %s with 401 and calls no handler', async (_case, token) => {
    const before = handled.length;
    const response = await push(envelope({ value: 'sneaky' }), await token());
    expect(response.status).toBe(401);
    expect(handled.length).toBe(before);
  });

  it('answers 400 to a body that is not a push envelope', async () => {
    const token = await sign();
    for (const body of [
      {},
      { message: 'x' },
      { message: { data: '***not base64***' } },
      { message: { data: '', attributes: { n: 1 } } },
    ]) {
      const response = await push(body, token);
      expect(response.status).toBe(400);
    }
  });

  it('answers 503 when the handler fails, so Pub/Sub redelivers', async () => {
    failNext = true;
    const response = await push(envelope({ value: 'retry me' }), await sign());
    expect(response.status).toBe(503);
    const retried = await push(envelope({ value: 'retry me' }), await sign());
    expect(retried.status).toBe(204);
  });

  it('dead-letters a permanent failure and answers 204', async () => {
    const reader = collect(pubsub, suite.name('push-dlq-reader'));
    const response = await push(
      envelope({ value: 'invalid' }, { pattern: 'pushed.job' }, 'bad-1'),
      await sign(),
    );
    expect(response.status).toBe(204);
    await expect.poll(() => reader.messages.length, { timeout: 15_000 }).toBe(1);
    await reader.stop();
    expect(reader.messages[0].attributes).toMatchObject({
      'x-error': 'INVALID_PAYLOAD: value "invalid" is not allowed',
      'x-original-message-id': 'bad-1',
      'x-pattern': 'pushed.job',
    });
  });
});
