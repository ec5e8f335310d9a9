import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

const protoRoot = (path: string) =>
  fileURLToPath(new URL(`../../node_modules/${path}`, import.meta.url));

/** What the fake answers for a resource name: a payload, or a gRPC status to fail with. */
export type FakeSecretVersion = { payload: string; version?: number } | { status: grpc.status };

export interface RunningSecretManager {
  /** host:port for SECRET_MANAGER_EMULATOR_HOST. */
  readonly host: string;
  /** Resource names asked for, in order. */
  readonly requests: string[];
  /** Resource name (`projects/P/secrets/S/versions/V`) → answer; change it to rotate a secret. */
  readonly versions: Map<string, FakeSecretVersion>;
  stop(): Promise<void>;
}

/**
 * A local Secret Manager answering `AccessSecretVersion`, built from the
 * client package's own protos, so the real client library talks to it over
 * gRPC exactly as it would to Google.
 */
export async function startSecretManager(
  versions: Record<string, FakeSecretVersion> = {},
): Promise<RunningSecretManager> {
  const definition = await protoLoader.load(
    protoRoot(
      '@google-cloud/secret-manager/build/protos/google/cloud/secretmanager/v1/service.proto',
    ),
    {
      includeDirs: [
        protoRoot('@google-cloud/secret-manager/build/protos'),
        protoRoot('google-gax/build/protos'),
      ],
      keepCase: false,
      longs: String,
      enums: String,
      defaults: true,
      oneofs: true,
    },
  );
  const loaded = grpc.loadPackageDefinition(definition) as unknown as {
    google: {
      cloud: { secretmanager: { v1: { SecretManagerService: grpc.ServiceClientConstructor } } };
    };
  };
  const service = loaded.google.cloud.secretmanager.v1.SecretManagerService.service;

  const state = new Map(Object.entries(versions));
  const requests: string[] = [];
  const server = new grpc.Server();
  server.addService(service, {
    accessSecretVersion: (
      call: grpc.ServerUnaryCall<{ name: string }, unknown>,
      callback: grpc.sendUnaryData<unknown>,
    ) => {
      const { name } = call.request;
      requests.push(name);
      const answer = state.get(name);
      if (!answer) {
        callback({ code: grpc.status.NOT_FOUND, details: `Secret Version [${name}] not found.` });
      } else if ('status' in answer) {
        callback({
          code: answer.status,
          details: `${grpc.status[answer.status]} for resource '${name}'`,
        });
      } else {
        const resolved = name.replace(/\/versions\/latest$/, `/versions/${answer.version ?? 1}`);
        callback(null, { name: resolved, payload: { data: Buffer.from(answer.payload) } });
      }
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return {
    host: `127.0.0.1:${port}`,
    requests,
    versions: state,
    stop: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
      }),
  };
}
