import { createServer, type Server, Socket } from 'node:net';
import { inject } from 'vitest';
import { freePort, startMongoServer } from '../../tools/local-services/index.js';

export interface StoppableDatabase {
  /** Connection string (no database name). */
  readonly uri: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * A database this suite may stop and start mid-test without disturbing other
 * suites: its own server when the tests start servers, otherwise (MONGODB_URI
 * given) a TCP relay in front of that server whose stop drops every connection
 * and refuses new ones, which the worker sees exactly as a dead server.
 */
export async function startStoppableDatabase(): Promise<StoppableDatabase> {
  if (inject('mongoStartedByTests')) {
    const server = await startMongoServer();
    return server;
  }
  return startRelay(new URL(inject('mongoUri')));
}

async function startRelay(target: URL): Promise<StoppableDatabase> {
  const port = await freePort();
  const targetPort = Number(target.port || 27017);
  const sockets = new Set<Socket>();
  let server: Server | undefined;

  if (target.protocol !== 'mongodb:') {
    throw new Error('The database relay needs a mongodb:// MONGODB_URI with one host');
  }
  const relayed = new URL(target.href);
  relayed.host = `127.0.0.1:${port}`;
  relayed.searchParams.set('directConnection', 'true');

  const relay: StoppableDatabase = {
    uri: relayed.href,
    async start() {
      if (server) return;
      server = createServer((client) => {
        const upstream = new Socket();
        upstream.connect(targetPort, target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    },
    async stop() {
      const closing = server;
      server = undefined;
      for (const socket of sockets) socket.destroy();
      if (closing) await new Promise((resolve) => closing.close(resolve));
    },
    async dispose() {
      await relay.stop();
    },
  };
  await relay.start();
  return relay;
}
