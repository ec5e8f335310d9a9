var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { AppConfig } from "../../../../libs/config/src/index.js";
import { ReportDefinitionsRepository, resolveParameters } from "../../../../libs/persistence/src/index.js";
import { PermanentError } from "../../../../libs/pubsub-transport/src/index.js";
import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { definitionProblems } from './definition-rules.js';
import { GenerateReportRequest } from './generate-report.request.js';
/**
 * Turns a `report.generate` payload into a `ResolvedRequest`, or a
 * `PermanentError` saying everything that is wrong with it: a request that is
 * invalid now will be invalid on every redelivery.
 */
let ReportRequestResolver = class ReportRequestResolver {
    config;
    definitions;
    constructor(config, definitions) {
        this.config = config;
        this.definitions = definitions;
    }
    /** Parses the payload's shape only; the idempotency key is needed before anything can fail. */
    async parse(payload) {
        if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
            throw new PermanentError('Invalid payload: expected a JSON object', 'INVALID_PAYLOAD');
        }
        const request = plainToInstance(GenerateReportRequest, payload);
        const errors = await validate(request, { forbidUnknownValues: true, whitelist: true, forbidNonWhitelisted: true });
        const problems = flatten(errors);
        if (request.locale !== undefined && !isLocale(request.locale))
            problems.push(`locale "${request.locale}" is not a BCP 47 language tag`);
        if (request.timeZone !== undefined && !isTimeZone(request.timeZone))
            problems.push(`timeZone "${request.timeZone}" is not an IANA time zone`);
        if (request.definition !== undefined && request.inlineDefinition !== undefined)
            problems.push('give either definition or inlineDefinition, not both');
        if (problems.length > 0)
            throw new PermanentError(`Invalid payload: ${problems.join('; ')}`, 'INVALID_PAYLOAD');
        return request;
    }
    async resolve(request) {
        const definition = request.inlineDefinition ?? (await this.storedDefinition(request.definition, request.definitionVersion));
        const unsafe = definitionProblems(definition);
        if (unsafe.length > 0) {
            throw new PermanentError(`Definition refused: ${unsafe.join('; ')}`, 'INVALID_DEFINITION');
        }
        const { values, problems } = resolveParameters(definition.parameters ?? [], request.parameters);
        if (problems.length > 0)
            throw new PermanentError(`Invalid parameters: ${problems.join('; ')}`, 'INVALID_PARAMETERS');
        const defaults = this.config.reports;
        return {
            definition,
            parameters: values,
            formats: request.formats ?? definition.defaultFormats ?? ['csv'],
            locale: request.locale ?? defaults.locale,
            timeZone: request.timeZone ?? defaults.timeZone,
            currency: request.currency ?? defaults.currency,
        };
    }
    async storedDefinition(name, version) {
        const stored = await this.definitions.find(name, version);
        if (!stored) {
            throw new PermanentError(version === undefined ? `No report definition named "${name}"` : `No version ${version} of report definition "${name}"`, 'UNKNOWN_DEFINITION');
        }
        return stored;
    }
};
ReportRequestResolver = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [AppConfig,
        ReportDefinitionsRepository])
], ReportRequestResolver);
export { ReportRequestResolver };
function flatten(errors, path = '') {
    return errors.flatMap((error) => {
        const at = path ? `${path}.${error.property}` : error.property;
        const own = Object.values(error.constraints ?? {}).map((message) => message.startsWith('property ') ? `${at}: ${message}` : path ? `${path}.${message}` : message);
        return [...own, ...flatten(error.children ?? [], at)];
    });
}
function isLocale(locale) {
    try {
        return Intl.getCanonicalLocales(locale).length === 1;
    }
    catch {
        return false;
    }
}
function isTimeZone(timeZone) {
    try {
        new Intl.DateTimeFormat('en-US', { timeZone });
        return true;
    }
    catch {
        return false;
    }
}
//# sourceMappingURL=report-request.resolver.js.map