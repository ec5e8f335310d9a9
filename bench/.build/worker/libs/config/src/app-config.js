/**
 * The worker's validated configuration. It is also the injection token: a
 * class (not an interface) so that `constructor(private config: AppConfig)`
 * works without `@Inject`.
 */
export class AppConfig {
    /** HTTP port for health, push and the API. */
    port;
    environment;
    pubsub;
    mongodb;
    log;
    /** How long shutdown waits for in-flight work before giving it back, in ms. */
    shutdownGraceMs;
    /** How long a health check waits for a dependency to answer, in ms. */
    healthCheckTimeoutMs;
    email;
    jobs;
    runsApi;
    downloadLinks;
    push;
    reports;
    /**
     * The loaded secrets: their redactor, where each came from, and the
     * subscription to rotated values (the fields above keep the start-up value).
     */
    secrets;
    constructor(values) {
        Object.assign(this, values);
        Object.freeze(this);
    }
}
//# sourceMappingURL=app-config.js.map