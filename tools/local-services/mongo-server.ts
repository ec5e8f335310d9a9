import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { MongoClient } from 'mongodb';
import { freePort, ManagedProcess, waitUntil } from './process-tools.js';

const run = promisify(execFile);
const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ferretDbSource = join(repositoryRoot, 'tools', 'ferretdb');

export type MongoServerKind = 'mongod' | 'ferretdb';

export interface RunningMongoServer {
  readonly kind: MongoServerKind;
  /** Connection string without a database name. */
  readonly uri: string;
  /** Stops the server, keeping its data; `start()` brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  restart(): Promise<void>;
  /** Stops the server and deletes its data. */
  dispose(): Promise<void>;
}

/**
 * Starts a MongoDB wire-protocol server on a free loopback port with its data
 * in a temporary folder: `mongod` when it is on PATH, otherwise FerretDB (SQLite
 * backend) built from `tools/ferretdb` with Go.
 */
export async function startMongoServer(): Promise<RunningMongoServer> {
  const kind: MongoServerKind = onPath('mongod') ? 'mongod' : 'ferretdb';
  const binary = kind === 'mongod' ? 'mongod' : await ferretDbBinary();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), `${kind}-`));
  const args =
    kind === 'mongod'
      ? ['--port', String(port), '--bind_ip', '127.0.0.1', '--dbpath', dataDir, '--quiet']
      : ['-listen-addr', `127.0.0.1:${port}`, '-data-dir', dataDir, '-log-level', 'error'];
  const uri = `mongodb://127.0.0.1:${port}`;
  let running: ManagedProcess | undefined;

  const server: RunningMongoServer = {
    kind,
    uri,
    async start() {
      if (running && !running.exitReason()) return;
      const started = ManagedProcess.start(binary, args);
      running = started;
      await waitUntil(() => pings(uri), {
        timeoutMs: 60_000,
        what: kind,
        alive: () => started.exitReason(),
      });
    },
    async stop() {
      await running?.stop();
    },
    async restart() {
      await server.stop();
      await server.start();
    },
    async dispose() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

async function pings(uri: string): Promise<boolean> {
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: 1_000,
    connectTimeoutMS: 1_000,
    directConnection: true,
  });
  try {
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close();
  }
}

function onPath(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds `tools/ferretdb` on first use into `.cache/ferretdb/`, named by a hash
 * of its sources so that a change rebuilds and an unchanged tree reuses it.
 */
export async function ferretDbBinary(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of ['go.mod', 'go.sum', 'main.go']) {
    hash.update(readFileSync(join(ferretDbSource, file)));
  }
  const outputDir = join(repositoryRoot, '.cache', 'ferretdb');
  const binary = join(outputDir, `ferretdb-${hash.digest('hex').slice(0, 12)}`);
  if (existsSync(binary)) return binary;
  if (!onPath('go')) {
    throw new Error(
      'No MongoDB server for the tests: install mongod, or Go (to build FerretDB from tools/ferretdb), ' +
        'or set MONGODB_URI to a running server.',
    );
  }
  mkdirSync(outputDir, { recursive: true });
  const partial = `${binary}.${process.pid}.tmp`;
  try {
    await run('go', ['build', '-trimpath', '-o', partial, '.'], {
      cwd: ferretDbSource,
      timeout: 15 * 60_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(`Building FerretDB in tools/ferretdb failed:\n${stderr ?? String(error)}`, {
      cause: error,
    });
  }
  // Rename is atomic, so suites starting together never run a half-written binary.
  renameSync(partial, binary);
  return binary;
}
