import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import {
  type RunningMongoServer,
  type RunningPubSubEmulator,
  startMongoServer,
  startPubSubEmulator,
} from '../../tools/local-services/index.js';
import { linkRepositoryFolders, REPOSITORY_ROOT } from './bench-paths.js';

export interface LocalServices {
  /** host:port of the Pub/Sub emulator. */
  readonly emulatorHost: string;
  /** Connection string of the MongoDB-wire server, without a database. */
  readonly mongoUri: string;
  /** What the database server is, e.g. "FerretDB 1.24.2 (started here)". */
  readonly mongoDescription: string;
  readonly emulatorDescription: string;
  stop(): Promise<void>;
}

/**
 * The Pub/Sub emulator and a MongoDB-wire server, through tools/local-services
 * (as the e2e tests get them), unless PUBSUB_EMULATOR_HOST / MONGODB_URI name
 * running ones. `stop()` stops only what was started here.
 */
export async function startLocalServices(given: {
  emulatorHost?: string;
  mongoUri?: string;
}): Promise<LocalServices> {
  linkRepositoryFolders();
  const [emulator, mongo] = await Promise.all([
    given.emulatorHost ? undefined : startPubSubEmulator(),
    given.mongoUri ? undefined : startMongoServer(),
  ] as [Promise<RunningPubSubEmulator> | undefined, Promise<RunningMongoServer> | undefined]);
  const emulatorHost = given.emulatorHost ?? emulator!.host;
  const mongoUri = given.mongoUri ?? mongo!.uri;
  const server = await describeMongo(mongoUri);
  return {
    emulatorHost,
    mongoUri,
    mongoDescription: `${server} (${mongo ? 'started by the benchmark' : 'given by MONGODB_URI'})`,
    emulatorDescription: `Pub/Sub emulator at ${emulatorHost} (${emulator ? 'started by the benchmark' : 'given by PUBSUB_EMULATOR_HOST'})`,
    async stop() {
      await Promise.all([emulator?.stop(), mongo?.dispose()]);
    },
  };
}

async function describeMongo(uri: string): Promise<string> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000, directConnection: true });
  try {
    const info = await client.db('admin').command({ buildInfo: 1 });
    const ferret = (info as { ferretdbVersion?: string }).ferretdbVersion;
    if (ferret === undefined) return `MongoDB ${String(info.version)}`;
    return `FerretDB ${ferret === 'unknown' ? embeddedFerretDbVersion() : ferret} (SQLite backend, MongoDB wire ${String(info.version)})`;
  } catch (error) {
    return `a MongoDB-wire server of unknown version (${(error as Error).message})`;
  } finally {
    await client.close();
  }
}

/** The FerretDB that tools/ferretdb embeds, from its go.mod (a source build does not know its own version). */
function embeddedFerretDbVersion(): string {
  const goMod = join(REPOSITORY_ROOT, 'tools', 'ferretdb', 'go.mod');
  const version = existsSync(goMod)
    ? /github\.com\/FerretDB\/FerretDB (v\S+)/.exec(readFileSync(goMod, 'utf8'))?.[1]
    : undefined;
  return version ?? 'unknown version';
}
