import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describeCause, SecretSourceError, VARIABLE_NAME, } from '../secret-source.js';
import { withoutTrailingNewline } from '../secret-source.settings.js';
const FILE_SUFFIX = '_FILE';
/**
 * Docker and Kubernetes secrets: `NAME_FILE=/path` gives NAME the content of
 * the file, and every file of `SECRETS_DIR` gives the variable it is named
 * after (`smtp_password` or `SMTP_PASSWORD`). `NAME_FILE` wins over the
 * folder; one trailing newline is dropped.
 */
export class FileSecretSource {
    env;
    secretsDir;
    name = 'file';
    constructor(env, secretsDir) {
        this.env = env;
        this.secretsDir = secretsDir;
    }
    /** Whether there is anything to read: a `NAME_FILE` or a folder. */
    get active() {
        return this.secretsDir !== undefined || Object.keys(this.env).some(isFileVariable);
    }
    async read(wanted) {
        const found = new Map();
        const failures = [];
        await Promise.all(Object.entries(this.env)
            .filter(([variable]) => isFileVariable(variable) && wanted(variable.slice(0, -FILE_SUFFIX.length)))
            .map(async ([variable, path]) => {
            try {
                found.set(variable.slice(0, -FILE_SUFFIX.length), {
                    value: withoutTrailingNewline(await readFile(path, 'utf8')),
                    source: 'file',
                    origin: `${variable}=${path}`,
                });
            }
            catch (error) {
                failures.push(`${variable} names ${path}, which cannot be read (${describeCause(error)})`);
            }
        }));
        if (this.secretsDir !== undefined) {
            await this.readFolder(this.secretsDir, wanted, found, failures);
        }
        if (failures.length > 0)
            throw new SecretSourceError('file', failures.sort(), found);
        return found;
    }
    async readFolder(dir, wanted, found, failures) {
        let entries;
        try {
            entries = await readdir(dir);
        }
        catch (error) {
            failures.push(`SECRETS_DIR ${dir} cannot be listed (${describeCause(error)})`);
            return;
        }
        // An exact (upper-case) name wins over its lower-case variant.
        const candidates = entries
            .filter((entry) => VARIABLE_NAME.test(entry))
            .sort((a, b) => Number(a !== a.toUpperCase()) - Number(b !== b.toUpperCase()));
        for (const entry of candidates) {
            const name = entry.toUpperCase();
            if (found.has(name) || !wanted(name))
                continue;
            const path = join(dir, entry);
            try {
                // Kubernetes mounts also hold `..data` folders; only files are variables.
                if (!(await stat(path)).isFile())
                    continue;
                found.set(name, {
                    value: withoutTrailingNewline(await readFile(path, 'utf8')),
                    source: 'file',
                    origin: path,
                });
            }
            catch (error) {
                failures.push(`${path} cannot be read (${describeCause(error)})`);
            }
        }
    }
}
function isFileVariable(variable) {
    return variable.length > FILE_SUFFIX.length && variable.endsWith(FILE_SUFFIX);
}
//# sourceMappingURL=file.secret-source.js.map