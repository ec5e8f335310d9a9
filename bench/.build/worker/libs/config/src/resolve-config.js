import { ConfigValidationError } from './config-validation.error.js';
import { toAppConfig, validateEnvironment } from './load-config.js';
import { SecretRedactor } from './secrets/secret-redactor.js';
import { SecretResolver, } from './secrets/secret-resolver.js';
import { Secrets } from './secrets/secrets.js';
/**
 * Loads the secrets from every source in `SECRET_SOURCES` into the
 * environment, then validates it, and returns the typed configuration. Throws
 * a `ConfigValidationError` naming every problem (a source that failed, a
 * missing secret with the sources tried, an invalid variable), with every
 * secret value redacted. The only reader of `process.env` in the code base.
 */
export async function resolveConfig(env = process.env, options = {}) {
    const { resolver, problems: settingProblems } = await SecretResolver.create(env, options.dependencies);
    if (settingProblems.length > 0)
        throw new ConfigValidationError(settingProblems);
    const resolution = await resolver.resolve();
    const redactor = new SecretRedactor();
    for (const value of resolution.sensitive)
        redactor.add(value);
    const { schema, problems } = validate(resolution);
    if (resolution.problems.length > 0 || !schema) {
        throw new ConfigValidationError([...resolution.problems, ...problems].map(redactor.redact));
    }
    const secrets = new Secrets({
        redactor,
        secrets: resolution.secrets,
        warnings: resolution.warnings.map(redactor.redact),
        refreshIntervalMs: resolver.settings.refreshIntervalMs,
        reload: resolution.versioned
            ? async () => {
                const next = await resolver.resolve();
                return {
                    secrets: next.secrets,
                    sensitive: next.sensitive,
                    problems: [...next.problems, ...validate(next).problems],
                };
            }
            : undefined,
    });
    return toAppConfig(schema, secrets);
}
function validate(resolution) {
    return validateEnvironment(resolution.environment, resolution.tried, (name) => resolution.ignoredFromEnvironment.has(name)
        ? '; it is set in the environment, but SECRET_SOURCES leaves out env'
        : '');
}
//# sourceMappingURL=resolve-config.js.map