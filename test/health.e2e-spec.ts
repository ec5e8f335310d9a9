import { type INestApplication } from '@nestjs/common';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../apps/report-worker/src/bootstrap.js';
import { startStoppableDatabase, type StoppableDatabase } from './support/stoppable-database.js';
import { SuiteEnvironment } from './support/test-environment.js';

describe('health probes', () => {
  let database: StoppableDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    database = await startStoppableDatabase();
    const suite = new SuiteEnvironment('health', { mongoUri: database.uri });
    app = await createApp(suite.config());
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const get = (path: string) => request(app.getHttpServer()).get(path);

  it('answers liveness with 200', async () => {
    const response = await get('/health/live');
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('ok');
  });

  it('is ready while MongoDB answers', async () => {
    for (const path of ['/health/ready', '/health']) {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'ok', info: { mongodb: { status: 'up' } } });
    }
  });

  it('reports 503 naming MongoDB when the database stops, stays live, and recovers when it is back', async () => {
    await database.stop();

    await expect
      .poll(async () => (await get('/health/ready')).status, { timeout: 30_000, interval: 500 })
      .toBe(503);
    const down = await get('/health/ready');
    expect(down.body).toMatchObject({ status: 'error', error: { mongodb: { status: 'down' } } });
    expect((await get('/health')).status).toBe(503);
    expect((await get('/health/live')).status).toBe(200);

    await database.start();

    await expect
      .poll(async () => (await get('/health/ready')).status, { timeout: 60_000, interval: 500 })
      .toBe(200);
  });
});
