import { ReportDefinitionsRepository } from '@lib/persistence';
import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  NotFoundException,
  Param,
  Put,
  UseGuards,
  ValidationPipe,
} from '@nestjs/common';
import { definitionProblems } from '../reports/definition-rules.js';
import { DEFINITION_NAME, DefinitionInput } from '../reports/report-definition.input.js';
import { ApiTokenGuard } from './api-token.guard.js';

const definitionBody = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
});

@Controller('definitions')
@UseGuards(ApiTokenGuard)
export class DefinitionsController {
  constructor(private readonly definitions: ReportDefinitionsRepository) {}

  @Get()
  async list() {
    return { definitions: await this.definitions.listLatest() };
  }

  @Get(':name')
  async get(@Param('name') name: string) {
    const definition = await this.definitions.find(name);
    if (!definition) throw new NotFoundException(`No report definition named "${name}"`);
    return definition;
  }

  /** Saves a new version of the definition (earlier versions stay for the runs that used them). */
  @Put(':name')
  @HttpCode(HttpStatus.CREATED)
  async upsert(@Param('name') name: string, @Body(definitionBody) input: DefinitionInput) {
    if (!DEFINITION_NAME.test(name)) {
      throw new BadRequestException(
        'definition names are lower-case letters, digits, ".", "_" and "-"',
      );
    }
    const problems = definitionProblems(input);
    if (problems.length > 0)
      throw new BadRequestException({ message: 'Definition refused', problems });
    const saved = await this.definitions.saveNewVersion({
      ...input,
      name,
      parameters: input.parameters ?? [],
      defaultFormats: input.defaultFormats ?? ['csv'],
    });
    return { name: saved.name, version: saved.version };
  }
}
