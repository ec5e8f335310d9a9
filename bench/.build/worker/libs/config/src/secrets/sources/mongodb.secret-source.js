import { SecretSourceError, VARIABLE_NAME, } from '../secret-source.js';
import { SECRET_MANAGER_SCHEME, VAULT_SCHEME } from '../secrets.constants.js';
/**
 * The old worker's second store: documents `{ name, environment, value }` in
 * a `secrets` collection, of which those whose `environment` is `APP_ENV`
 * become variables.
 */
export class MongoDbSecretSource {
    settings;
    timeoutMs;
    readDocuments;
    name = 'mongodb';
    constructor(settings, timeoutMs, readDocuments = readSecretDocuments) {
        this.settings = settings;
        this.timeoutMs = timeoutMs;
        this.readDocuments = readDocuments;
    }
    get active() {
        return this.settings.enabled;
    }
    async read(wanted) {
        const found = new Map();
        if (!this.settings.enabled)
            return found;
        const { uri, appEnv, dbName, collection } = this.settings;
        const problems = [
            uri ? undefined : 'neither SECRETS_MONGODB_URI nor MONGODB_URI is set',
            uri && (uri.startsWith(SECRET_MANAGER_SCHEME) || uri.startsWith(VAULT_SCHEME))
                ? 'its connection string is itself a secret reference; set SECRETS_MONGODB_URI to a plain connection string'
                : undefined,
            appEnv ? undefined : 'APP_ENV is not set: it selects the documents of this environment',
        ].filter((problem) => problem !== undefined);
        if (problems.length > 0)
            throw new SecretSourceError('mongodb', problems);
        const where = `${dbName}.${collection}`;
        let documents;
        try {
            documents = await this.readDocuments({ ...this.settings, uri: uri, appEnv: appEnv }, this.timeoutMs);
        }
        catch (error) {
            throw new SecretSourceError('mongodb', [
                `${where} cannot be read (${error instanceof Error ? error.message : String(error)})`,
            ]);
        }
        const failures = [];
        const values = new Map();
        const duplicates = new Set();
        for (const document of documents) {
            const { name, value } = (document ?? {});
            if (typeof name !== 'string' || !VARIABLE_NAME.test(name)) {
                failures.push(`${where} holds a document for ${appEnv} whose name is not a variable name`);
            }
            else if (typeof value !== 'string') {
                failures.push(`${where}: ${name} for ${appEnv} has no string value`);
            }
            else if (values.has(name)) {
                duplicates.add(name);
            }
            else {
                values.set(name, value);
            }
        }
        for (const name of duplicates) {
            // Ambiguous: neither copy is used.
            failures.push(`${where} holds more than one ${name} for ${appEnv}`);
            values.delete(name);
        }
        for (const [name, value] of values) {
            if (!wanted(name))
                continue;
            found.set(name, {
                value,
                source: 'mongodb',
                origin: `mongodb ${where} (environment ${appEnv})`,
            });
        }
        if (failures.length > 0)
            throw new SecretSourceError('mongodb', [...new Set(failures)], found);
        return found;
    }
}
export const readSecretDocuments = async (settings, timeoutMs) => {
    const { MongoClient } = await import('mongodb');
    const client = new MongoClient(settings.uri, {
        appName: 'report-worker-secrets',
        serverSelectionTimeoutMS: timeoutMs,
        connectTimeoutMS: timeoutMs,
        socketTimeoutMS: timeoutMs,
    });
    try {
        return await client
            .db(settings.dbName)
            .collection(settings.collection)
            .find({ environment: settings.appEnv }, { projection: { _id: 0, name: 1, value: 1 } })
            .toArray();
    }
    finally {
        await client.close();
    }
};
//# sourceMappingURL=mongodb.secret-source.js.map