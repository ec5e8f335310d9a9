var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { Injectable, Logger } from '@nestjs/common';
import { Secrets } from './secrets.js';
/**
 * Reads the versioned secret sources (Secret Manager, Vault, MongoDB) again
 * every `SECRETS_REFRESH_INTERVAL_MS` and tells subscribers what changed.
 * Also reports, once modules start, the optional sources that failed.
 */
let SecretsRefresher = class SecretsRefresher {
    secrets;
    logger = new Logger('Secrets');
    timer;
    stopped = false;
    constructor(secrets) {
        this.secrets = secrets;
    }
    onModuleInit() {
        for (const warning of this.secrets.warnings)
            this.logger.warn(warning);
        const interval = this.secrets.refreshIntervalMs;
        if (interval === 0)
            return;
        if (!this.secrets.refreshable) {
            this.logger.log('SECRETS_REFRESH_INTERVAL_MS is set, but no source with versions (gsm, vault, mongodb) is in use: nothing to refresh');
            return;
        }
        this.schedule(interval);
    }
    onModuleDestroy() {
        this.stopped = true;
        clearTimeout(this.timer);
    }
    /** Calls `listener` with the new value when a refresh finds one for `name`; returns the unsubscribe function. */
    onChange(name, listener) {
        return this.secrets.onChange(name, listener);
    }
    /** One refresh now, logged; what the timer runs. */
    async refreshNow() {
        const result = await this.secrets.refresh();
        for (const problem of result.problems) {
            this.logger.warn(`Secrets not refreshed, the current values stay: ${problem}`);
        }
        for (const name of result.changed) {
            this.logger.log({ message: 'secret changed', secret: name });
        }
        for (const error of result.listenerErrors) {
            this.logger.error({ message: `applying a changed secret failed: ${error.message}` }, error.stack);
        }
        return result;
    }
    /** A timeout chain rather than an interval: a slow source never makes refreshes overlap. */
    schedule(interval) {
        this.timer = setTimeout(() => {
            void this.refreshNow()
                .catch((error) => this.logger.warn(`Secrets refresh failed: ${this.secrets.redactor.redactError(error).message}`))
                .finally(() => {
                if (!this.stopped)
                    this.schedule(interval);
            });
        }, interval);
        // Never the reason the process stays up.
        this.timer.unref();
    }
};
SecretsRefresher = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [Secrets])
], SecretsRefresher);
export { SecretsRefresher };
//# sourceMappingURL=secrets-refresher.js.map