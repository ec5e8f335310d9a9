import { createRequire } from 'node:module';
import { SecretSourceError } from '../secret-source.js';
import { SECRET_MANAGER_SCHEME } from '../secrets.constants.js';
const REFERENCE = /^sm:\/\/(projects\/[A-Za-z0-9][A-Za-z0-9-]{0,62}\/secrets\/[A-Za-z0-9_-]{1,255})(?:\/versions\/(latest|[1-9]\d*))?$/;
/**
 * The Secret Manager resource a `sm://projects/P/secrets/S[/versions/V]` value
 * names (version `latest` when omitted), or undefined when it is malformed.
 */
export function parseSecretManagerReference(value) {
    const match = REFERENCE.exec(value);
    return match ? `${match[1]}/versions/${match[2] ?? 'latest'}` : undefined;
}
export function isSecretManagerReference(value) {
    return value.startsWith(SECRET_MANAGER_SCHEME);
}
/** gRPC status codes the messages explain; see google.rpc.Code. */
const STATUS = {
    3: ['INVALID_ARGUMENT', 'the name is not a valid secret version'],
    4: ['DEADLINE_EXCEEDED', 'no answer in time'],
    5: ['NOT_FOUND', 'the secret or version does not exist'],
    7: [
        'PERMISSION_DENIED',
        'access denied: the service account needs roles/secretmanager.secretAccessor on the secret',
    ],
    9: ['FAILED_PRECONDITION', 'the version is disabled or destroyed'],
    14: ['UNAVAILABLE', 'Secret Manager cannot be reached'],
    16: ['UNAUTHENTICATED', 'no valid Google credentials'],
};
/**
 * Google Secret Manager: a variable whose value is `sm://projects/P/secrets/S`
 * gets the payload of that secret's version, through the official client.
 */
export class SecretManagerSecretSource {
    references;
    settings;
    timeoutMs;
    createClient;
    name = 'gsm';
    /**
     * @param references variable name → resource name (`projects/P/secrets/S/versions/V`)
     */
    constructor(references, settings, timeoutMs, createClient = createSecretManagerClient) {
        this.references = references;
        this.settings = settings;
        this.timeoutMs = timeoutMs;
        this.createClient = createClient;
    }
    get active() {
        return this.references.size > 0;
    }
    async read(wanted) {
        const pending = [...this.references].filter(([name]) => wanted(name));
        const found = new Map();
        if (pending.length === 0)
            return found;
        let client;
        try {
            client = await this.createClient(this.settings);
        }
        catch (error) {
            throw new SecretSourceError('gsm', [`the client cannot be created (${messageOf(error)})`]);
        }
        const failures = [];
        const byResource = new Map();
        try {
            await Promise.all(pending.map(async ([name, resource]) => {
                if (!byResource.has(resource))
                    byResource.set(resource, this.access(client, resource));
                try {
                    const { value, version } = await byResource.get(resource);
                    found.set(name, { value, source: 'gsm', origin: version });
                }
                catch (error) {
                    failures.push(`${name} (sm://${resource}): ${this.explain(error)}`);
                }
            }));
        }
        finally {
            await client.close().catch(() => undefined);
        }
        if (failures.length > 0)
            throw new SecretSourceError('gsm', failures.sort(), found);
        return found;
    }
    async access(client, resource) {
        const [response] = await client.accessSecretVersion({ name: resource }, { timeout: this.timeoutMs });
        const data = response.payload?.data;
        if (data === undefined || data === null)
            throw new Error('the version has no payload');
        const value = typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
        // `latest` resolves to a number; keeping it makes a refresh's change traceable.
        return { value, version: response.name ?? resource };
    }
    explain(error) {
        let code = error.code;
        // Retries that ran out of time while the server was unreachable say so in the message.
        if (code === 4 && /\bUNAVAILABLE\b/.test(messageOf(error)))
            code = 14;
        const known = typeof code === 'number' ? STATUS[code] : undefined;
        if (!known)
            return messageOf(error);
        const [status, meaning] = known;
        const where = code === 14 || code === 4 ? ` at ${this.target()} within ${this.timeoutMs} ms` : '';
        return `${meaning}${where} (${status})`;
    }
    target() {
        const endpoint = this.settings.emulatorHost ?? this.settings.endpoint;
        return endpoint ? `${endpoint.host}:${endpoint.port}` : 'secretmanager.googleapis.com';
    }
}
/**
 * The official client. With an emulator host it speaks plain text without
 * credentials; otherwise TLS with Application Default Credentials.
 */
export const createSecretManagerClient = async ({ endpoint, emulatorHost, }) => {
    // Loaded on demand: the gRPC stack costs start-up time when no secret lives there.
    const { SecretManagerServiceClient } = await import('@google-cloud/secret-manager');
    if (emulatorHost) {
        return new SecretManagerServiceClient({
            apiEndpoint: emulatorHost.host,
            port: emulatorHost.port,
            sslCreds: grpcOfTheClient().credentials.createInsecure(),
            // Stated, so the client does not ask the GCE metadata server for it.
            clientOptions: { universeDomain: 'googleapis.com' },
        });
    }
    return new SecretManagerServiceClient(endpoint ? { apiEndpoint: endpoint.host, port: endpoint.port } : {});
};
/**
 * The `@grpc/grpc-js` instance the client itself uses: channel credentials
 * from another copy would be refused (`instanceof`), so it is resolved from
 * the client package rather than imported.
 */
function grpcOfTheClient() {
    const fromHere = createRequire(import.meta.url);
    const fromClient = createRequire(fromHere.resolve('@google-cloud/secret-manager'));
    return fromClient('google-gax').grpc;
}
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}
//# sourceMappingURL=secret-manager.secret-source.js.map