import type { TestProject } from 'vitest/node';
import {
  type RunningMongoServer,
  type RunningPubSubEmulator,
  startMongoServer,
  startPubSubEmulator,
} from '../../tools/local-services/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** host:port of the Pub/Sub emulator every suite uses. */
    pubsubEmulatorHost: string;
    /** Connection string of the MongoDB-wire server every suite uses (no database name). */
    mongoUri: string;
    /** True when the tests started the database themselves (so a suite may start its own too). */
    mongoStartedByTests: boolean;
  }
}

/**
 * Gives every e2e suite a Pub/Sub emulator and a MongoDB-wire server, started
 * here unless PUBSUB_EMULATOR_HOST / MONGODB_URI name running ones.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const givenEmulator = process.env.PUBSUB_EMULATOR_HOST;
  const givenMongo = process.env.MONGODB_URI;
  const [emulator, mongo] = await Promise.all([
    givenEmulator ? undefined : startPubSubEmulator(),
    givenMongo ? undefined : startMongoServer(),
  ] as [Promise<RunningPubSubEmulator> | undefined, Promise<RunningMongoServer> | undefined]);
  project.provide('pubsubEmulatorHost', givenEmulator ?? emulator!.host);
  project.provide('mongoUri', givenMongo ?? mongo!.uri);
  project.provide('mongoStartedByTests', !givenMongo);
  return async () => {
    await Promise.all([emulator?.stop(), mongo?.dispose()]);
  };
}
