import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RunningVault {
  /** For VAULT_ADDR. */
  readonly address: string;
  /** The token it accepts. */
  readonly token: string;
  /** `<mount>/<path>` → key/value data; replace an entry to write a new version. */
  readonly secrets: Map<string, Record<string, string>>;
  /** Paths of the requests, in order, e.g. `/v1/secret/data/app`. */
  readonly requests: string[];
  stop(): Promise<void>;
}

/**
 * A local stand-in for HashiCorp Vault's KV version 2 read API:
 * `GET /v1/<mount>/data/<path>` with `X-Vault-Token`, answering
 * `{ data: { data, metadata: { version } } }`, 403 for a wrong token and 404
 * for an unknown path, as Vault does.
 */
export async function startVault(
  token: string,
  secrets: Record<string, Record<string, string>> = {},
): Promise<RunningVault> {
  const state = new Map(Object.entries(secrets));
  const versions = new Map<string, { data: Record<string, string>; version: number }>();
  const requests: string[] = [];

  const send = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://vault').pathname;
    requests.push(path);
    if (request.headers['x-vault-token'] !== token)
      return send(response, 403, { errors: ['permission denied'] });
    const match = /^\/v1\/([^/]+)\/data\/(.+)$/.exec(path);
    if (request.method !== 'GET' || !match) return send(response, 404, { errors: [] });
    const key = `${match[1]}/${decodeURIComponent(match[2])}`;
    const data = state.get(key);
    if (!data) return send(response, 404, { errors: [] });
    // Every new object written to `secrets` is a new version, as `vault kv put` makes one.
    const known = versions.get(key);
    const current = known?.data === data ? known : { data, version: (known?.version ?? 0) + 1 };
    versions.set(key, current);
    send(response, 200, {
      data: {
        data,
        metadata: { version: current.version, created_time: new Date().toISOString() },
      },
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `http://127.0.0.1:${port}`,
    token,
    secrets: state,
    requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
