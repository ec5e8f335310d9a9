import { AppConfig, isLocale, isTimeZone } from '@lib/config';
import { ReportDefinitionsRepository, resolveParameters } from '@lib/persistence';
import { PermanentError } from '@lib/pubsub-transport';
import type { ReportFormat } from '@lib/rendering';
import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { definitionProblems } from './definition-rules.js';
import { GenerateReportRequest } from './generate-report.request.js';
import type { ResolvedRequest } from './resolved-request.js';

/**
 * Turns a `report.generate` payload into a `ResolvedRequest`, or a
 * `PermanentError` saying everything that is wrong with it: a request that is
 * invalid now will be invalid on every redelivery.
 */
@Injectable()
export class ReportRequestResolver {
  constructor(
    private readonly config: AppConfig,
    private readonly definitions: ReportDefinitionsRepository,
  ) {}

  /** Parses the payload's shape only; the idempotency key is needed before anything can fail. */
  async parse(payload: unknown): Promise<GenerateReportRequest> {
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      throw new PermanentError('Invalid payload: expected a JSON object', 'INVALID_PAYLOAD');
    }
    const request = plainToInstance(GenerateReportRequest, payload);
    const errors = await validate(request, {
      forbidUnknownValues: true,
      whitelist: true,
      forbidNonWhitelisted: true,
    });
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

  async resolve(request: GenerateReportRequest): Promise<ResolvedRequest> {
    const definition =
      request.inlineDefinition ??
      (await this.storedDefinition(request.definition!, request.definitionVersion));
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
      formats: request.formats ??
        (definition.defaultFormats as ReportFormat[] | undefined) ?? ['csv'],
      locale: request.locale ?? defaults.locale,
      timeZone: request.timeZone ?? defaults.timeZone,
      currency: request.currency ?? defaults.currency,
    };
  }

  private async storedDefinition(name: string, version?: number) {
    const stored = await this.definitions.find(name, version);
    if (!stored) {
      throw new PermanentError(
        version === undefined
          ? `No report definition named "${name}"`
          : `No version ${version} of report definition "${name}"`,
        'UNKNOWN_DEFINITION',
      );
    }
    return stored;
  }
}

function flatten(errors: ValidationError[], path = ''): string[] {
  return errors.flatMap((error) => {
    const at = path ? `${path}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith('property ') ? `${at}: ${message}` : path ? `${path}.${message}` : message,
    );
    return [...own, ...flatten(error.children ?? [], at)];
  });
}
